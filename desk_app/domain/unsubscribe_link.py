"""Where a message's personal unsubscribe link goes: the body carries this placeholder,
and the gateway puts each recipient's own link in its place when it sends.

Its own module so the window's outbox preview can name it without importing the
template engine (``campaign_content`` imports Jinja, which the start defers).
"""

UNSUBSCRIBE_PLACEHOLDER = "$unsubscribe_url"

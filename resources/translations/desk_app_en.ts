<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>AccessWords</name>
    <message>
        <source>book appointments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>see the calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>see their own day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compose campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export customer data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>erase customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change this staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restore a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with your own PIN to {action}: this salon does not use the shared sign-in any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role “{role}” may not {action}. Ask the owner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN. One more wrong try locks this member out for a while.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN. {count} more wrong tries lock this member out for a while.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has this PIN. One more such try locks sign-in by PIN alone for a while (picking your name still works).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has this PIN. {count} more such tries lock sign-in by PIN alone for a while (picking your name still works).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many unknown PINs: sign-in by PIN alone is locked until {time}. Pick your name, then type your PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong PINs: this member can sign in again at {time}, or the owner resets the PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon needs an active owner: make someone else owner first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This token was not issued here: ask the owner for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This token has expired: ask the owner for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This token was revoked by the owner: ask for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This token&apos;s staff member is no longer active.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to run “{command}”: this salon does not use the shared sign-in any more. Add --as NAME (the PIN is read from stdin) or use a token from the owner (DESK_APP_TOKEN or --token-file).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdvertisingRulesBox</name>
    <message>
        <source>Rules for advertising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advertising messages per customer in 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>advertising messages per customer in 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At &amp;most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaigns, birthday greetings, review requests and win-back messages count together; booking confirmations and reminders do not count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advertising SMS from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advertising SMS until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>o&apos;clock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advertising SMS only be&amp;tween:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside these hours advertising SMS wait until the time comes round again. Emails, booking confirmations and reminders go out at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> €</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Price per SMS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your provider&apos;s price for one SMS part; only used to estimate what a campaign costs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. owner@example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test &amp;emails to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 0151 12345678</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test &amp;SMS to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A campaign&apos;s test send goes to you here before it goes to customers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppointmentMenu</name>
    <message>
        <source>&amp;Arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;No-show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back to booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send confirmation and &amp;reminder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttendanceHint</name>
    <message numerus="yes">
        <source>%n no-show(s)</source>
        <translation>
            <numerusform>%n no-show</numerusform>
            <numerusform>%n no-shows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n late cancellation(s)</source>
        <translation>
            <numerusform>%n late cancellation</numerusform>
            <numerusform>%n late cancellations</numerusform>
        </translation>
    </message>
    <message>
        <source>{no_shows} and {late}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{counts} in the last 12 months.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AudienceLists</name>
    <message>
        <source>Search by name or channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name or reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recipients ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Left out ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All reasons ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason} ({count})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AudienceModel</name>
    <message>
        <source>{channel}, after the quiet hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AudiencePanel</name>
    <message>
        <source>Last visit before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last visit since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Had a service of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customers since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untick every filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AudienceStep</name>
    <message>
        <source>2 · Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n recipient</numerusform>
            <numerusform>%n recipients</numerusform>
        </translation>
    </message>
    <message>
        <source>({email} by email, {sms} by SMS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n left out</source>
        <translation>
            <numerusform>%n left out</numerusform>
            <numerusform>%n left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n SMS wait for the end of the quiet hours</source>
        <translation>
            <numerusform>%n SMS waits for the end of the quiet hours</numerusform>
            <numerusform>%n SMS wait for the end of the quiet hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditFilterBar</name>
    <message>
        <source>Everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the beginning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer, staff member or campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Concerns:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who did what, and when: sign-ins, consent recorded or withdrawn, exports, erasures, campaigns sent, and changes to settings and staff. Entries cannot be changed or deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the entries these filters show as a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries match these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose “Everyone”, “All actions” or earlier days to see more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show all entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-ins, consent, exports, erasures, campaigns and changes to settings and staff will be listed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit-log.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entries saved to {file}.</source>
        <translation>
            <numerusform>%n entry saved to {file}.</numerusform>
            <numerusform>%n entries saved to {file}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save the file: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <source>Signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objection recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer data exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer erased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member (de)activated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in by token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to the gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inactive customers anonymised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recurring series changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salon settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer no. {number} (erased)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer no. {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member no. {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign no. {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN; the member is locked out now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tried while locked out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{channels}, {source}, asked by {staff}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}, recorded by {staff}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erased by {staff}; {count} address(es) blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{type}, {channel}, {count} recipient(s), from {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{member} as {role}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{member}: {old} → {new}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{member} activated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{member} deactivated; tokens revoked: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{member} deactivated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN of {member} set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Automations</name>
    <message>
        <source>Booking confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday greeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Win-back message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages switched off for the booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no link to the review page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no salon address for the imprint of advertising emails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>booked again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AutomationsPanel</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes are saved at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(transactional message, not advertising)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only to customers with confirmed consent (advertising)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Booking confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>right after booking, to the customer of the appointment {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment &amp;reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before the appointment, to everyone with a booked appointment {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth&amp;day greeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the customer&apos;s birthday, {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;view request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after the appointment ends: asks for a review on your review page, {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Win-back message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after the last visit, when nothing new is booked: invites the customer back, {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours before the appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours after the appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days since the last visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They run every 5 minutes while the program is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. https://g.page/r/…/review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link to your review page:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review requests need the link to your review page (for example on Google): until it is entered, none are sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salon Desk copies its data every day. Best on another disk or a network share; empty: {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup fo&amp;lder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish saves everything at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <source>C&amp;hoose …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep daily backups for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep weekly backups for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warn after no backup for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While the window is open, the database is copied into this folder once a day (and at start when today has no copy yet). Better a folder on another disk or a network share: a copy on the same disk is lost with it. Restore a copy with File ▸ Restore backup …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes on this page are saved at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup yet in {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last good backup: {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup written to {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupWarning</name>
    <message>
        <source>⚠ No backup yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup was found in {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>⚠ No backup for %n day(s)</source>
        <translation>
            <numerusform>⚠ No backup for %n day</numerusform>
            <numerusform>⚠ No backup for %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>The newest good backup in {folder} is from {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database server&apos;s pg_dump should write a dump there every day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to open the backup settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>Database restored from {file}. The state before is kept in {safety}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore backup …</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Total: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) from {first} to {last}.</source>
        <translation>
            <numerusform>%n value from {first} to {last}.</numerusform>
            <numerusform>%n values from {first} to {last}.</numerusform>
        </translation>
    </message>
    <message>
        <source>{series}: {total} in total, most in {category} ({count}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>New appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, e.g. “wants it short”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;taff:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;ate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book an&amp;yway (outside the hours, on a closed day or during an absence)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{before} min work · {processing} min processing (the stylist is free for someone else) · {after} min work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is free then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is free at this time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({minutes} min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time is free.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarCommands</name>
    <message>
        <source>New appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New appointment for {customer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move appointment of {customer} to {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change duration of {customer}&apos;s appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark {customer} as arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark {customer}&apos;s appointment as done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark {customer} as no-show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel appointment of {customer} ({when})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset status of {customer}&apos;s appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change appointment of {customer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change {customer}&apos;s series from {when}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member for the week view and the day list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New appointment (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print day list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to a day in the month (Ctrl+G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the legend of service colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Waitlist…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put a customer on the waitlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody works in the calendar yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add your team in the settings (Ctrl+,), tab “Staff”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No appointments on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a free time, or press Ctrl+N, to book one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No appointments for {name} this week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week {week}: {first} – {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous week (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next week (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous day (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next day (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignComposer</name>
    <message>
        <source>3 · Content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody can be reached with these filters and this channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the problems in the content (step 3) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still missing: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the campaign a name (step 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scheduled time has passed: choose a later one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignListModel</name>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goes out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignResultView</name>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undeliverable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribed afterwards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed or undeliverable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still on the way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No campaign chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{type} by {channel}; goes out from {time}; %n message(s) queued.</source>
        <translation>
            <numerusform>{type} by {channel}; goes out from {time}; %n message queued.</numerusform>
            <numerusform>{type} by {channel}; goes out from {time}; %n messages queued.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of {queued} queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{percent} % of queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason}: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody was left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out when queued: {reasons}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignWords</name>
    <message>
        <source>Promotion or offer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday greeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request for a review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Win back (“we miss you”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service information (closure, opening hours, move)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similar offer to existing customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service information: to all existing customers (at least one appointment) who have not unsubscribed. It must not contain advertising.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similar offer: by email only, to customers with a completed appointment who were told of their right to object when the address was taken. The notice of the right to object is added to every message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advertising: only to customers who confirmed their consent (double opt-in) on this channel and have not unsubscribed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In law, greetings, review requests and win-back messages are advertising too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every recipient gets an email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every recipient gets an SMS (costs per part).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each customer by a channel they may be reached on, their preferred one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer&apos;s first name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer&apos;s last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon&apos;s phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon&apos;s postal address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member of the last visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of the last visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next booked appointment (empty if none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link to the salon&apos;s review page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown placeholder “{name}” (see “Insert placeholder”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the braces do not match: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains the control character {detail}, which cannot be sent; remove it (it often comes with copied text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too long: at most {detail} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only placeholders and if-conditions are allowed here ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enter the salon&apos;s phone number in the settings (tab “Salon”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enter the salon&apos;s address in the settings (tab “Salon”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enter the link to the review page under “Automations”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write it inside {{% if {name} %}} … {{% endif %}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{name}” would be empty (recipients: {count}): {hint}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No campaigns yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compose your first one: choose whom to write to and what, check the preview, then send it now or plan it for later. Its results appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write a campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n campaign</numerusform>
            <numerusform>%n campaigns</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CandidateDialog</name>
    <message>
        <source>Who is it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request came from {name} ({contact}). More than one customer has this email address or phone number. Book it for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (customer no. {number})
{contact}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new customer with the request&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Book</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChannelWords</name>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartBase</name>
    <message>
        <source>No data yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Error: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer {id} added: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n customer(s) exported.</source>
        <translation type="unfinished">%n customer exported.</translation>
    </message>
    <message>
        <source>Consent declared for {channels}; confirmation requests are queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawal recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objection recorded: no more advertising; booking messages only where they are switched on again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objected: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} works the opening hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No closed days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No opening hours set: bookings are not limited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment {id} booked: {customer}, {service} with {staff}, {start}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outbox is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message queued ({client_id}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database already has customers; nothing added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo salon created: {customers} customers, {appointments} appointments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway token: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is not stored: keep DESK_APP_GATEWAY_TOKEN set on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced: {events} events applied, {accepted} messages handed over, {rejected} refused, {queued} still queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {queued} queued, {already} already queued before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention period: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention period: done today already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention period: {count} anonymised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database schema is up to date ({revision}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup written to {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database restored from {file}. The state before is kept in {safety}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: no good backup in {folder} for {days} days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign {id} queued for {n} recipients ({excluded} excluded).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} recipients ({email} by email, {sms} by SMS), {excluded} excluded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data of customer {id} written to {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer {id} erased.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway could not be told yet: run this command again later to erase the customer there too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No online requests waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No booking page yet: set gateway_url and public_name (desk-app settings set public_name my-salon).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN for {name}: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token {id} acts as {name} until {until}; it is shown only this once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written to {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token {id} of {name} is revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention period ({state}), customers without an appointment for {years} years (none since {cutoff}): {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{id}	{name}	last appointment: {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers anonymised (no appointment for {years} years): {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More are due: run this command again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erasures the gateway could not be told about yet (the next sync tells it): {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No freed time fits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked: appointment #{id}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClosuresTab</name>
    <message>
        <source>— not chosen —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;public holidays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected closed day: the salon opens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Company holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add closed &amp;days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Federal state:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choosing the state fills in its public holidays of this year and the next. Remove a day the salon opens on; holidays of single towns you add yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>U&amp;ntil:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes on this page are saved at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose the salon&apos;s federal state first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n public holiday(s) added.</source>
        <translation>
            <numerusform>%n public holiday added.</numerusform>
            <numerusform>%n public holidays added.</numerusform>
        </translation>
    </message>
    <message>
        <source>No public holidays added: those days are closed already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon is closed on these days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon is open again on that day.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Consent to advertising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask {name} whether they want advertising from the salon, and by which channel. Then read the text below to them word for word.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{channel} to {address}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no email address or mobile number to ask for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read this to the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who asked:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer agreed just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A confirmation request goes to each chosen channel. Advertising is only sent after the customer confirms it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the channels first; the text depends on them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the text…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {version} · SHA-256 {digest}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentEvidence</name>
    <message>
        <source>Consent to advertising – evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declared for the address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current address (a different one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browser (user agent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statement version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 of the statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text below matches this SHA-256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: the stored text does not match this SHA-256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribed from all advertising on {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How, who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created with Salon Desk from the consent ledger, which is never changed or deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent evidence – {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <source>Advertising consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advertising by email/SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent was declared; it counts once the customer clicks the link in the confirmation request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{channel}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for another channel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence as JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the customer first; consent belongs to a saved customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribed from all advertising on {time}. Only a new, confirmed consent lifts this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mobile number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{event} ({channel})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undeliverable: no consent request can go to this address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the suppression list: no consent request can go to this address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an email address or a mobile number first, and save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consent-{name}-{date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save consent evidence as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save consent evidence as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence saved: {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentWords</name>
    <message>
        <source>by phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>link in a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS reply (STOP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent declared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation request sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation page opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed by the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribed from all advertising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address changed: what was asked or confirmed for the old one ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The email address was changed on {time}: the consent confirmed for the old address has ended. The new address has not been confirmed, so no advertising goes to it until the customer confirms a new request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mobile number was changed on {time}: the consent confirmed for the old number has ended. The new number has not been confirmed, so no advertising goes to it until the customer confirms a new request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The email address was changed on {time}: the confirmation request sent to the old address is void. Ask again to send one to the new address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mobile number was changed on {time}: the confirmation request sent to the old number is void. Ask again to send one to the new number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declared on {time}; the confirmation request waits in the outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation sent by email on {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation sent by SMS on {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; link opened on {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed on {time} via link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not confirmed: the request expired on {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribed on {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribed on {time} ({how})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded by {staff}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP {ip}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>statement {version}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContentPanel</name>
    <message>
        <source>e.g. Autumn treat for you, {{ first_name }}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello {{ first_name }},

… (the unsubscribe link is added for you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello {{ first_name }}, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace typographic characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use plain quotes, hyphens and dots, so the SMS keeps 160 characters per part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert placeholder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled in for each customer when the message is made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Su&amp;bject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unsubscribe link is added to every message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS te&amp;xt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}, line {line}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service information must not advertise or ask for reviews. Please check: {words}. For an offer, choose the type “Promotion or offer”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters and parts are counted once the problems below are fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters and parts appear here once the SMS has recipients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>For {name}: {units} characters, {encoding}, %n part(s)</source>
        <translation>
            <numerusform>For {name}: {units} characters, {encoding}, %n part</numerusform>
            <numerusform>For {name}: {units} characters, {encoding}, %n parts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n part(s) in total</source>
        <translation>
            <numerusform>%n part in total</numerusform>
            <numerusform>%n parts in total</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Worst case: %n part(s) per SMS.</source>
        <translation>
            <numerusform>Worst case: %n part per SMS.</numerusform>
            <numerusform>Worst case: %n parts per SMS.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{total} for %n recipient(s), about {price}.</source>
        <translation>
            <numerusform>{total} for %n recipient, about {price}.</numerusform>
            <numerusform>{total} for %n recipients, about {price}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n SMS need the UCS-2 encoding (70 instead of 160 characters per part).</source>
        <translation>
            <numerusform>%n SMS needs the UCS-2 encoding (70 instead of 160 characters per part).</numerusform>
            <numerusform>%n SMS need the UCS-2 encoding (70 instead of 160 characters per part).</numerusform>
        </translation>
    </message>
    <message>
        <source>No preview: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview appears once the problems below are fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview appears once the campaign has recipients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How {name} gets it ({channel}). Click another recipient to see theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[personal unsubscribe link]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{chars} force the UCS-2 encoding: only 70 instead of 160 characters per part.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerForm</name>
    <message>
        <source>e.g. 0151 12345678</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. anna@example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Told about the right to object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick when the customer was told, as the email address was collected, that they may object to offers by email at any time. Only then may the salon email them offers of similar services without consent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allergies, wishes, what worked last time …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode, city:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Master data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard the unsaved changes to {name}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Visits (%n upcoming)</source>
        <translation>
            <numerusform>Visits (%n upcoming)</numerusform>
            <numerusform>Visits (%n upcoming)</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the changed address first: consent is asked for saved addresses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no address for this channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a date like {example}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed on another counter PC meanwhile: {fields}. Your entries are kept; Save replaces the other change, Discard changes shows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer no longer exists (erased on another counter PC).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerHeader</name>
    <message>
        <source>&amp;Book appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book an appointment for this customer ({keys})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advertising:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer since {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>emails to this address bounced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS to this number failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n no-show(s)</source>
        <translation>
            <numerusform>%n no-show</numerusform>
            <numerusform>%n no-shows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n late cancellation(s)</source>
        <translation>
            <numerusform>%n late cancellation</numerusform>
            <numerusform>%n late cancellations</numerusform>
        </translation>
    </message>
    <message>
        <source>No missed appointments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the last 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{channel}: {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsubscribed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consent given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>awaiting confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no consent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerListModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>Part of a name or phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer found. Create one with “New customer” (Alt+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First and last name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No phone number or email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already a customer with this phone number or email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Search: name, phone or email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data protection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer matches “{query}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the spelling, or search by phone number or email. A new customer is created with “New customer”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customers yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the first one with “New customer”, or book an appointment (Ctrl+N): the booking dialog creates the customer on the way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message>
        <source>{count}+ matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Waitlist…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put this customer on the waitlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export data of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer-{number}.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data of {name} saved: {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save {file}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message numerus="yes">
        <source>Last %n week(s)</source>
        <translation>
            <numerusform>Last %n week</numerusform>
            <numerusform>Last %n weeks</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent: declared → confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent recorded in the period, and how much of it was confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages sent per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed to the gateway, by kind; waiting and failed ones do not count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribes per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Unsubscribe” clicked, or consent for email or SMS withdrawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New bookings per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By the day they were booked, not the appointment day; no cancelled ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No-shows and late cancellations per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By the month of the appointment, the last 12 months; marked by staff, late as decided when it was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source} · {channel}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribed from all advertising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Late cancellations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wk {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week {number}: {first} – {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salon news</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offers for customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advertising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DayListPrint</name>
    <message>
        <source>booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no-show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>processing {start}–{end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{staff} – {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No appointments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon is closed: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon is closed this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save day list as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message numerus="yes">
        <source>%n appointment(s)</source>
        <translation>
            <numerusform>%n appointment</numerusform>
            <numerusform>%n appointments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoNotice</name>
    <message>
        <source>mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo: a made-up salon; messages never leave this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox: {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>booking page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online booking page: {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data: {place}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;DEMO&lt;/b&gt;: {links}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salon Desk – {salon} (DEMO)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Customers book on your website. A booking that fits goes straight into the calendar, marked “Online”, and its confirmation is sent. A request lands here when it needs you: the time was taken meanwhile, more than one customer has the same email address or phone number, or the service can no longer be booked online. Enter books the selected request, Del refuses it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online booking is switched off. Switch it on in the settings, tab “Online booking” (Ctrl+,): choose the public name of your booking page there and put the link it shows on your website.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No online requests yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No online request waits for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{action} ({keys})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <source>Erase customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase all data of {name}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The customer asked for their data to be erased. This cannot be undone.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Deleted: the profile (name, phone, email, address, birthday, notes), all appointments and the texts of all messages.&lt;/li&gt;&lt;li&gt;Kept: the proof of consent and its withdrawal – the law requires the salon to be able to show it.&lt;/li&gt;&lt;li&gt;The email address and phone number are blocked: they cannot be entered again, not even for a new customer.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>– choose –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erased by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the last name “{name}” to confirm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>first name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>processing time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weekday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gateway address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preferred channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>email text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frequency cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>price per SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>owner&apos;s email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>owner&apos;s mobile number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>review page link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start of sending hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>end of sending hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>postal code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>town</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>salon name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>salon&apos;s phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>salon&apos;s address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sender name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>booking confirmation switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reminder switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hours before a reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>birthday greeting switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>review request switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hours before a review request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>win-back switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days before a win-back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online booking switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name in the booking link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>booking horizon in weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minutes before an online booking closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hours before online cancelling closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minutes between start times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>privacy notice link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>colour of the booking page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closing days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number of days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>personal sign-in switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong PINs before a lockout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minutes of a PIN lockout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle minutes before the window locks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retention period switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>years without an appointment before anonymising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hours before an appointment a cancellation counts as late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>federal state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appointment cannot end during or before its processing time: {value} minutes are too short.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon was set up meanwhile at another counter PC; nothing of this assistant was saved. Restart Salon Desk to use that set-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advertising emails must carry the salon&apos;s imprint (name, postal address, phone). Enter the salon&apos;s postal address under Settings ▸ Salon first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} is too long: at most {value} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a web address like https://gateway.example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} is “on” or “off”, not “{value}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a time like 08:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sending hours must begin before they end ({value}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The placeholder “{value}” would be empty in some messages. Fill it in (e.g. the salon&apos;s phone number or review link in the settings) or use {{% if {value} %}}…{{% endif %}}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service information must not advertise or ask for reviews: {value}. For an offer, choose the type “promotion”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} can only be given with --preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The retention period is switched off: switch it on in the settings (tab “Data protection”) or with “desk-app settings set retention_anonymise on”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway address must start with https:// (“{value}”); plain http:// only to this computer (localhost, 127.0.0.1, [::1]).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” cannot be the name in the booking link: use 3 to 40 lower-case letters a-z, digits and hyphens, not starting or ending with a hyphen (example: haarwerk-mueller).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This online request has been decided already ({value}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last day must not be before the first day ({value}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a colour like #2d6a4f.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name has no digits: check the {field} “{value}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PIN has 4 to 8 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token file “{value}” can be read by others: make it readable by its owner only (chmod 600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in either with --as NAME or with a token, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} has no PIN yet: the owner sets one in the staff settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another active member already has this PIN: choose a different one (the PIN alone says who signs in).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This PIN belongs to more than one member: pick your name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal sign-in cannot be switched on while no owner has a PIN: nobody could sign in to change the settings again. Give an owner a PIN first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the member signed in here can be named ({value} is not signed in): switch the member first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a phone number or an email address, so the customer can be told of changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Absence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment {n} of the series cannot be booked: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon is closed on {day} ({note}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon is closed on {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start} to {end} is outside the working hours of {staff}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An appointment can last at most {hours} hours ({start} to {end} is longer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent was not recorded: the text to read has changed since it was shown. Read the new text to the customer and ask again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent for {channel} was declared on {time} and waits for the customer&apos;s confirmation: no second request is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be imported: line {line} is neither UTF-8 nor Windows text. Save it again as CSV UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup could not be written to {folder} ({reason}). Choose another folder in the backup settings, or free some space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salon Desk backs up and restores SQLite databases only. On PostgreSQL use pg_dump and pg_restore (see the administrator&apos;s guide).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup {file} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not a Salon Desk backup (not a database, or cut off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup {file} is damaged (it failed the integrity check).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is a database, but not one of Salon Desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup {file} was made by a newer version of Salon Desk (schema {revision}). Update Salon Desk first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another counter PC kept changing the database while its current state was being saved. Restore when the other counter PCs are idle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is a backup of another database (salon “{salon}”), not of this one. To restore it all the same, confirm that it is meant to replace this one (desk-app db restore --other-database).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database address is not valid: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: the same as in line {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: a customer with it exists already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: address of an erased customer (left out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a valid email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The processing time needs work before and after it within the duration of {value} minutes (work, processing, work).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} contains an invisible or control character ({value}), which cannot be stored. Remove it (it often comes with copied text).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a valid phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} lies in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a valid price (example: 35,50).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} “{value}” is out of range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a valid date (YYYY-MM-DD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a valid date and time (YYYY-MM-DDTHH:MM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff can record consent only by phone, in person or in writing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown {field} “{value}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening time must be before closing time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start time has no time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a mobile number; SMS need one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a web address starting with https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The placeholder “{value}” does not exist. Use one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} has a mistake: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} uses “{value}”; only placeholders and “if” are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was erased: add --confirm to erase this customer&apos;s data for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The opening hours “{value}” are not in the form 1=09:00-18:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token file “{value}” cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} “{key}” was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} “{key}” already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A customer with this email address already exists (number {ids}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A customer with this phone number already exists (number {ids}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This email address belonged to a customer whose data was erased; it cannot be stored again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This phone number belonged to a customer whose data was erased; it cannot be stored again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{staff} is already booked then: appointment {id} with {customer}, {start} to {end}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start} to {end} is outside the opening hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{staff} has a break from {start} to {end}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{staff} is absent from {start} to {end}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end must be after the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent was not recorded: confirm that the customer agreed just now (ask first, never tick it for them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer has no usable address for {channel}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent for {channel} is already confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consent can be asked for by {channel}: messages to this address came back as undeliverable. Enter a working address first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consent can be asked for by {channel}: this address is on the suppression list (it belonged to a customer whose data was erased).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be imported: it has no name columns or no rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup could not be written to {folder}: {missing} is not there. Is the network drive or the USB disk connected? Otherwise choose another folder in the backup settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No gateway is set up yet: desk-app gateway login URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no token for the gateway: log in again, or set DESK_APP_GATEWAY_TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no password store for the token. Set DESK_APP_GATEWAY_TOKEN instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong. Nothing was lost; the details are in the log file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is busy on another computer. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full. Free some space, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file is damaged. Restore the latest backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database server cannot be reached: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database cannot be written (read-only file or missing rights).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway cannot be reached. Messages stay in the outbox and go out with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway did not accept the token. Please log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway has a problem. Messages stay in the outbox; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway refused the request ({code}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FunnelChart</name>
    <message>
        <source>{second} of {first} ({percent})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number}%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GatewayPage</name>
    <message>
        <source>Gateway for email and text messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave it empty to work without one for now: booking works offline, and messages wait in the outbox until a gateway is set up under Settings ▸ Gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token the gateway&apos;s operator gave you</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GatewayStatusWidget</name>
    <message>
        <source>login at the SMS provider failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login at the mail server failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server cannot be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the encrypted connection failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sender address is refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provider reports an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS sending disrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>email sending disrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} since {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway: {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway not set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway: not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway: token not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages wait in the outbox until the owner enters the gateway address and token in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sync with the gateway has finished yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last attempt: {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway keeps the messages and sends them when this works again; its operator has to fix it. Nothing is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages waiting for the next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed messages: retry them in the outbox</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GatewayTab</name>
    <message>
        <source>Enter a new token to replace the stored one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is kept in this computer&apos;s password store, never in the database, and is not shown again. Leave it empty to keep the stored one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the token for the new gateway address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem} Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press F1 at any time to see this list again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HolidayWords</name>
    <message>
        <source>Baden-Württemberg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bavaria</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berlin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brandenburg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bremen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hamburg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hesse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mecklenburg-Western Pomerania</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower Saxony</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>North Rhine-Westphalia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rhineland-Palatinate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saarland</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saxony</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saxony-Anhalt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schleswig-Holstein</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thuringia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Year&apos;s Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epiphany</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>International Women&apos;s Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good Friday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Easter Sunday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Easter Monday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labour Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ascension Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whit Sunday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whit Monday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corpus Christi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assumption Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>World Children&apos;s Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day of German Unity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reformation Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All Saints&apos; Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day of Repentance and Prayer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Christmas Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boxing Day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HoursPage</name>
    <message>
        <source>Opening hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointments are booked within these hours.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Welcome to Salon Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A few questions, then the salon is ready for its first booking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything asked here can be changed later under Settings. Cancel ends Salon Desk without saving anything; the assistant then starts again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LateCancelDialog</name>
    <message>
        <source>Cancel appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the appointment of {customer} ({when})?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Late cancellation — counts for the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>It starts in less than %n hour(s). Untick it if the salon waives it.</source>
        <translation>
            <numerusform>It starts in less than %n hour. Untick it if the salon waives it.</numerusform>
            <numerusform>It starts in less than %n hours. Untick it if the salon waives it.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Cancel appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Salon Desk – {salon}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{section} ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{section} – coming soon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarketingPage</name>
    <message>
        <source>&amp;New campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Automations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marketing: campaigns, their results and the automatic messages.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MenuBar</name>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessagePreview</name>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a message in the list to see it as the customer will.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status} · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[personal unsubscribe link]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} &lt;{address}&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway writes this message when it sends it: the request to confirm, with the customer&apos;s personal confirmation link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n SMS part(s)</source>
        <translation>
            <numerusform>%n SMS part</numerusform>
            <numerusform>%n SMS parts</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} characters, {encoding}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MiniMonthButton</name>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotifySwitch</name>
    <message>
        <source>Send confirmation and reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer unsubscribed from messages. A confirmation and reminder will be sent for this appointment because you switched it on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer unsubscribed from messages, so no confirmation or reminder is sent. Switch it on only if the customer asks for it now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OnlineNotice</name>
    <message>
        <source>{count} news from online booking. See the calendar and “Online requests” (Ctrl+5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New online booking: {name}, {service}, {when}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} cancelled the online booking {service}, {when}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online request from {name} not booked ({reason}); the customer was told. See “Online requests” (Ctrl+5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New online request from {name} waits for you: {service}, {when}. See “Online requests” (Ctrl+5).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OnlineRequestsModel</name>
    <message>
        <source>{day} {date}, {start}–{end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{state}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wished time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anyone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OnlineRequestsPage</name>
    <message>
        <source>Show &amp;decided requests too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Book (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the request into the calendar and confirm it to the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fuse (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell the customer the time cannot be booked, with a link to choose another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked: {name}, {when}, {service}. The confirmation is on its way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not booked: {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse the request?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse the request of {name} for {when}? The customer is told that the time cannot be booked and gets a link to choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: {name}, {when}. The customer is told.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OnlineTab</name>
    <message>
        <source>&amp;Customers can book on the salon&apos;s website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. haarwerk-mueller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;opy link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> weeks ahead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> h before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> h before the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. https://www.salon.de/datenschutz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes on this page are saved at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last part of your booking page&apos;s address: 3 to 40 lower-case letters, digits and hyphens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put this link on your website, e.g. as a button “Book online”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Late cancellation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A cancellation later than this counts for the customer, next to their no-shows (at the counter it can be waived); 0: never.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page colo&amp;ur:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer freed times to the &amp;waitlist automatically (email or SMS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hold an offer for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first in line gets a link; the time is held for them this long, then offered to the next. Whoever confirms first gets it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gateway&apos;s address (tab “Gateway”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link for your website:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book up to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start times every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel or move until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Privacy notice:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which services and which staff members can be chosen online is set on the tabs “Services” and “Staff”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers see free times from now plus the lead time up to the number of weeks ahead, on the grid of start times; they can cancel or move their booking from the confirmation until the given hours before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a valid public name (above)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link needs {missing}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Link copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OnlineTexts</name>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled by the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the time was taken meanwhile (booked at the counter or online)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than one customer has this email address or phone number: choose who it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the service or staff member can no longer be booked online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the time is outside the opening or working hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>left for you to decide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move a booking</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpeningHoursTab</name>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open with a break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointments can be booked only within the opening hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This day has more than two intervals; saving keeps the first and last.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The opening time must be before the closing time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopening after the break must be at {time} or later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>Queued at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(customer deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To: {address}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: {subject}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Handed over %n time(s)</source>
        <translation>
            <numerusform>Handed over %n time</numerusform>
            <numerusform>Handed over %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutboxPage</name>
    <message>
        <source>All messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the selected failed message back in the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No gateway is set up yet: enter its address and token in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch news from the gateway, then send the waiting messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All messages ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status} ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose “All messages” to see every message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outbox is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages with this status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all &amp;messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking confirmations, reminders and campaigns wait here until the gateway has them. Sync now (F5) to fetch news from the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking confirmations, reminders and campaigns wait here until they are sent. Set up the gateway in the settings (Ctrl+,) to send them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is queued again and goes out with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching news from the gateway…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Fetching news from the gateway… %n received</source>
        <translation>
            <numerusform>Fetching news from the gateway… %n received</numerusform>
            <numerusform>Fetching news from the gateway… %n received</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending messages… {done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced at {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n update(s) received from the gateway.</source>
        <translation>
            <numerusform>%n update received from the gateway.</numerusform>
            <numerusform>%n updates received from the gateway.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) handed to the gateway.</source>
        <translation>
            <numerusform>%n message handed to the gateway.</numerusform>
            <numerusform>%n messages handed to the gateway.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) refused by the gateway: {reasons}.</source>
        <translation>
            <numerusform>%n message refused by the gateway: {reasons}.</numerusform>
            <numerusform>%n messages refused by the gateway: {reasons}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing new: everything is up to date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxTexts</name>
    <message>
        <source>Waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed to the gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undeliverable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment cancellation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salon news</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer for existing customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advertising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the address is blocked at the gateway (unsubscribed or erased)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gateway could not send it in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gateway found no confirmed consent for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused by the gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too late: the appointment had already begun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the appointment was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages for this appointment were switched off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replaced by a newer message about the same appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gateway refused it as invalid (e.g. a control character or a field too long); the others went out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stored consent request is damaged and was not sent; declare the consent again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gateway refused this message; the others went out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>given up after 10 hand-overs that failed at the gateway; “Send again” tries once more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gateway cannot send this channel (no SMS provider set up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mail or SMS service refused the message itself</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhasePainting</name>
    <message>
        <source>Processing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>PIN for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new PIN for {name}: {low} to {high} digits. Tell it to {name} in private; the old PIN stops working, and a lockout ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinField</name>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinFields</name>
    <message>
        <source>New &amp;PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Once more:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PIN has {low} to {high} digits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>the customer unsubscribed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this kind of message may not go by this channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no address for this channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the address is not valid for this channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages to this address bounced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an existing customer yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the right to object was not pointed out when the address was collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consent was withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consent was never confirmed (the request expired)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consent not yet confirmed by the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no consent to advertising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already had the most advertising messages allowed recently</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quiet hours: the message goes out later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same address as another recipient: sent only once</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordedByWidget</name>
    <message>
        <source>– choose –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RepeatSection</name>
    <message>
        <source>&amp;Repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>months (same weekday of the month)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> appointments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestDetails</name>
    <message>
        <source>Customer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wished time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advertising:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a request in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{when} ({kind})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no box ticked: no advertising consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ticked for {channels}: the confirmation carries the link to confirm it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From &amp;file …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A restore replaces everything in the database (customers, appointments, consent records, settings, staff) with the backup&apos;s. What is there now is kept as a backup first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no backups in the backup folder yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the backup …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace everything in the database with the backup {file} of “{salon}”?

Whatever was entered since that backup is replaced (it stays in the copy that is made first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This backup is not a copy of this database: it comes from another one (salon “{salon}”, another counter PC or another installation).

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring …</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetentionModel</name>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetentionTab</name>
    <message>
        <source>&amp;Anonymise customers who have had no appointment for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show who would be affected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes on this page are saved at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once a day, customers whose last appointment (of any kind, also cancelled) began longer ago than this, with none booked ahead, are anonymised as if erased: name, contact details, notes and appointments are removed. The consent proof is kept, and their email address and mobile number stay blocked for advertising. Customers entered more recently, and those with an online booking request still open, are left alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting …</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) would be anonymised now (no appointment since {date}).</source>
        <translation>
            <numerusform>%n customer would be anonymised now (no appointment since {date}).</numerusform>
            <numerusform>%n customers would be anonymised now (no appointment since {date}).</numerusform>
        </translation>
    </message>
    <message>
        <source>✓ Saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunNowRow</name>
    <message>
        <source>R&amp;un now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All automatic messages are switched off: nothing to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued</source>
        <translation>
            <numerusform>%n message queued</numerusform>
            <numerusform>%n messages queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already sent</source>
        <translation>
            <numerusform>%n already sent</numerusform>
            <numerusform>%n already sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not allowed</source>
        <translation>
            <numerusform>%n not allowed</numerusform>
            <numerusform>%n not allowed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n passed over</source>
        <translation>
            <numerusform>%n passed over</numerusform>
            <numerusform>%n passed over</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}: switched off</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{name}: %n queued</source>
        <translation>
            <numerusform>{name}: %n queued</numerusform>
            <numerusform>{name}: %n queued</numerusform>
        </translation>
    </message>
    <message>
        <source>{line}; not sent: {reasons}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SalonPage</name>
    <message>
        <source>The salon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, phone and postal address are the imprint of advertising emails; the sender name is what text messages show.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SalonTab</name>
    <message>
        <source>e.g. HaarWerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 0221 1234567</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Hauptstraße 12, 50667 Köln</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salon &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown as the sender of text messages: up to 11 letters (no umlauts), digits or spaces. Leave empty to use the gateway&apos;s default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sender name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed in the imprint of advertising emails; also the placeholder {{ salon_phone }} (a campaign that uses it cannot be sent while it is empty).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed with the salon&apos;s name and phone as the imprint of every advertising email, which cannot be sent while it is empty; also the placeholder {{ salon_address }}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salon &amp;phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salon &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language or time zone applies after Salon Desk is restarted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language of the app:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App&amp;earance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter the salon&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use at most 11 letters A–Z (no umlauts), digits or spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a time zone from the list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SendConfirmation</name>
    <message>
        <source>Send campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Send “{name}” to %n customer(s) now?</source>
        <translation>
            <numerusform>Send “{name}” to %n customer now?</numerusform>
            <numerusform>Send “{name}” to %n customers now?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send “{name}” to %n customer(s) on {time}?</source>
        <translation>
            <numerusform>Send “{name}” to %n customer on {time}?</numerusform>
            <numerusform>Send “{name}” to %n customers on {time}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) are left out (see the list in step 2).</source>
        <translation>
            <numerusform>%n customer is left out (see the list in step 2).</numerusform>
            <numerusform>%n customers are left out (see the list in step 2).</numerusform>
        </translation>
    </message>
    <message>
        <source>The SMS cost about {price}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every message carries its unsubscribe link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text contains words that look like advertising ({words}), which service information must not contain. Send it only if it advertises nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SendStep</name>
    <message>
        <source>4 · Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sc&amp;hedule for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send no&amp;w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sen&amp;d…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sche&amp;dule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Goes out with the next sync to %n customer(s).</source>
        <translation>
            <numerusform>Goes out with the next sync to %n customer.</numerusform>
            <numerusform>Goes out with the next sync to %n customers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Goes out on {time} to %n customer(s).</source>
        <translation>
            <numerusform>Goes out on {time} to %n customer.</numerusform>
            <numerusform>Goes out on {time} to %n customers.</numerusform>
        </translation>
    </message>
    <message>
        <source>SMS cost about {price}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m queued</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeriesCancelQuestion</name>
    <message>
        <source>Cancel recurring appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This appointment is part of a series. Cancel which?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Only this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This and &amp;all following</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeriesChangeQuestion</name>
    <message>
        <source>Change recurring appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This appointment is part of a series. Change which?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This and &amp;all following</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep as it was</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeriesConflictsDialog</name>
    <message>
        <source>Recurring appointment: conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of the appointments cannot be moved to their new time:</source>
        <translation>
            <numerusform>%n of the appointments cannot be moved to its new time:</numerusform>
            <numerusform>%n of the appointments cannot be moved to their new time:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the appointments cannot be booked at their time:</source>
        <translation>
            <numerusform>%n of the appointments cannot be booked at its time:</numerusform>
            <numerusform>%n of the appointments cannot be booked at their time:</numerusform>
        </translation>
    </message>
    <message>
        <source>{booked} of {total} are free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Book series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} of {total}: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No free time found in the week after.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeriesList</name>
    <message>
        <source>Repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel the rest…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the series&apos; next appointment and every later one</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>every %n week(s)</source>
        <translation>
            <numerusform>every week</numerusform>
            <numerusform>every %n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n month(s)</source>
        <translation>
            <numerusform>every month</numerusform>
            <numerusform>every %n months</numerusform>
        </translation>
    </message>
    <message>
        <source>1st</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2nd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3rd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4th</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{nth} {weekday}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{every}, {weekday} {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{left} of {total} remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the rest of the series</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cancel the %n remaining appointment(s) of this series, from {when} on? The customer is told as for each single cancellation.</source>
        <translation>
            <numerusform>Cancel the remaining appointment of this series, on {when}? The customer is told as for a single cancellation.</numerusform>
            <numerusform>Cancel the %n remaining appointments of this series, from {when} on? The customer is told as for each single cancellation.</numerusform>
        </translation>
    </message>
    <message>
        <source>Series</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceLegend</name>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n more</numerusform>
            <numerusform>+%n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least one service, so that a booking can say what is done. Categories, colours and descriptions can follow under Settings ▸ Services.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Damenhaarschnitt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Service, duration, price (€):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Del removes the selected service from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter the service&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} – {minutes} min – {price} €</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add at least one service.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data protection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save salon, opening hours and gateway</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupAssistant</name>
    <message>
        <source>Setting up Salon Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupPages</name>
    <message>
        <source>“{name}” is in the list already.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>New booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to a day (month)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show marketing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show online requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync with the gateway now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the window (switch member)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show these shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the menu bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: open the appointment or book the free time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: menu of the appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: mark as arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: mark as no-show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: cancel the appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: move the appointment 15 minutes earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: move the appointment 15 minutes later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: move the appointment to the previous staff member or day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: move the appointment to the next staff member or day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: make the appointment 15 minutes shorter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: make the appointment 15 minutes longer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: cursor to the next appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: cursor to the previous appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: cursor a quarter hour up or down, a column left or right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar: cursor an hour up or down, to the day&apos;s start or end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers: book an appointment for the customer shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online requests: book the selected request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online requests: refuse the selected request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online requests: reload (and sync with the gateway)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your PIN and press Enter, or pick your name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was signed in. Type your PIN to go on, or another member&apos;s PIN to switch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has a PIN yet: the owner sets them in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;PIN of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PIN has 4 to 8 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the PIN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in by PIN alone is locked until {time} (too many unknown PINs). Pick your name, then type your PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked until {time}: too many wrong PINs. The owner can reset the PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown PIN – {count} more tries before sign-in by PIN alone locks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN – one more try before this member is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN – {count} more tries before this member is locked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignedInBadge</name>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the window ({keys})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in: {name} ({role})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared sign-in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffChoice</name>
    <message>
        <source>Choose a staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whoever is free</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffHoursTab</name>
    <message>
        <source>&amp;Own working hours (otherwise the opening hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;working hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove absence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a&amp;bsence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff &amp;member:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Absences (whole days, from today on):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes on this page are saved at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The working hours were saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This staff member works the opening hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The absences were saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>The team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are the owner: your PIN signs you in when the salon signs in personally. Add the others now or later under Settings ▸ Staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;More staff:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Del removes the selected member from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter your name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the same PIN of 4 to 8 digits in both fields.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reception</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stylist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookable online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers can choose this staff member on the booking page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;PIN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give &amp;role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New staff member:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes on this page are saved at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} can be chosen on the booking page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} can no longer be chosen on the booking page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Activate again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter the new staff member&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} can be booked again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{name} can no longer be booked but still has %n upcoming appointment(s): move or cancel them in the calendar.</source>
        <translation>
            <numerusform>{name} can no longer be booked but still has %n upcoming appointment: move or cancel them in the calendar.</numerusform>
            <numerusform>{name} can no longer be booked but still has %n upcoming appointments: move or cancel them in the calendar.</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} can no longer be booked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set or reset the PIN of the selected member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role of the selected member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has a new PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is now: {role}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TestSendControl</name>
    <message>
        <source>Send a &amp;test to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up a gateway first (Settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the test…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the problems in the content (step 3) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still missing: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends this campaign once to your own email address or mobile number (“Automations” tab), filled in as for the first recipient. No customer gets it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway refused the test to {address} ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test sent to {address}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway cannot be reached: the test was not sent. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway has a problem: the test was not sent. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter it on the “Automations” tab.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeGridCanvas</name>
    <message>
        <source>{start}–{end} with {staff}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked online by the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No confirmation or reminder is sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeGridPainting</name>
    <message>
        <source>Break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No-show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start} {service} · {customer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start} {service}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start}–{end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salon closed: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salon closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TreatmentsTab</name>
    <message>
        <source>Rose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lilac</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light blue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steel blue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light yellow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apricot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookable online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers can choose this service on the booking page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 35,50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown on the booking page, e.g. “Wash, cut and blow-dry”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add as new service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove from the menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price (€)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description for the booking page:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Processing time (the stylist is free meanwhile):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starts after &amp;work of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes on this page are saved at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min ({processing} processing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} can be booked online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} can no longer be booked online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is no longer offered; past appointments keep it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TypeStep</name>
    <message>
        <source>1 · Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for you, e.g. “Autumn offer 2026”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similar offers may only be sent by email.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UndoButtons</name>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitList</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upcoming appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{service} · {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No-show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WaitlistDialog</name>
    <message>
        <source>Add to the waitlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Th</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Su</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We call (no automatic offers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;taff member:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unti&amp;l:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Weekdays (none: any day):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;imes on those days:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Offers by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not&amp;e:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add to waitlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The times must end after they begin.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WaitlistList</name>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take &amp;off the waitlist…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer no longer waits for this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first} – {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start}–{end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the salon calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take off the waitlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take {name} off the waitlist for {service}? An offer already sent for it will say the time is no longer available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WaitlistMatchesPanel</name>
    <message>
        <source>&amp;Book selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book the selected waiting customer (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{when} {time} · {staff}: %n waiting</source>
        <translation>
            <numerusform>{when} {time} · {staff}: %n waiting</numerusform>
            <numerusform>{when} {time} · {staff}: %n waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>{place}. {customer} – {service}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Freed times someone on the waitlist wants: %n</source>
        <translation>
            <numerusform>Freed time someone on the waitlist wants: %n</numerusform>
            <numerusform>Freed times someone on the waitlist wants: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>offers only: asked for on this entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer objected to the salon&apos;s messages. The automatic offers still go to them because they asked for them on this entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer objected to the salon&apos;s messages and has not asked for offers at the counter since (an entry from the booking page does not count): no automatic offer goes to them. Call them, and take the wish again at the counter if they want offers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no offers: objected, please call</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WithdrawalDialog</name>
    <message>
        <source>Withdraw consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} no longer wants advertising. From now on no advertising goes to the chosen channels; appointment messages are not affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wants no messages at all (“Unsubscribe”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then no appointment confirmations or reminders either, unless they are switched on again for a booking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record withdrawal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

"""Names, places and number prefixes the sample customers are made of.

Three name lists, because three recipes draw from them and each keeps the data it has always
made (the demo's customers, the benchmarks' cached databases); their order is part of that.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


# The demo salon's customers.
SALON_FIRST_NAMES = _words(
    """Anna Jürgen Sophie Günther Marie Björn Lea Jörg Hannah Sören Emilia Käthe Lukas Mia Özlem
    Felix Lina Ümit Paul Clara Maximilian Zoë Jonas Greta Bärbel Ben Nele Hüseyin Johanna Elias
    Frieda Noah Mathilda René Ida François Theresa Leon Agnieszka"""
)
SALON_LAST_NAMES = _words(
    """Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch
    Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann
    Lange Schmitt Werner Krause Meier Lehmann Köhler Groß Jäger Öztürk Yılmaz Kowalski Nowak
    Peters Fuchs Vogel Weiß Böhm Dietrich Kühn Heß"""
)

# A marketing audience: the everyday names.
COMMON_FIRST_NAMES = _words(
    """Anna Maria Ursula Monika Petra Sabine Renate Karin Julia Nicole Sandra Katrin Lena Lea
    Hannah Emma Mia Sophie Marie Laura Lisa Jana Käthe Özlem Ayşe Zoë Peter Michael Thomas
    Andreas Wolfgang Klaus Jürgen Stefan Christian Uwe Frank Lukas Leon Finn Jonas Paul Ben
    Felix Jörg Björn Ümit Mehmet René"""
)
COMMON_LAST_NAMES = _words(
    """Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch
    Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann
    Lange Schmitt Werner Krause Meier Lehmann König Walter Huber Kaiser Fuchs Peters Möller Weiß
    Jung Hahn Vogel Keller Günther Berger Öztürk Yılmaz Kaya Demir Kowalski Nowak Nguyen Rossi"""
)

# A customer directory, most frequent first (weighted by rank, Zipf-like).
DIRECTORY_FIRST_NAMES = _words(
    """Anna Maria Ursula Monika Petra Elisabeth Sabine Renate Helga Karin Brigitte Ingrid Erika
    Andrea Gisela Claudia Susanne Gabriele Christa Christine Hildegard Birgit Stefanie Julia
    Nicole Sandra Katrin Martina Heike Lena Lea Hannah Emma Mia Sophie Marie Lina Emilia Clara
    Johanna Laura Leonie Lisa Jana Käthe Bärbel Özlem Ayşe Zoë Agnieszka Natalia Peter Michael
    Thomas Andreas Wolfgang Klaus Jürgen Günter Stefan Christian Uwe Werner Horst Frank Dieter
    Manfred Gerhard Hans Bernd Ralf Joachim Helmut Matthias Markus Sebastian Jan Tim Lukas Leon
    Finn Jonas Paul Ben Elias Noah Felix Maximilian Jörg Björn Sören Ümit Hüseyin Mehmet René
    François Dmitri"""
)
DIRECTORY_LAST_NAMES = _words(
    """Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch
    Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann
    Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König
    Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel
    Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht
    Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto
    Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn
    Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer Öztürk Yılmaz Kaya
    Demir Şahin Çelik Kowalski Nowak Wiśniewski Nguyen Rossi Popović Ivanov Müller-Lüdenscheidt
    Schmitz-Kühn"""
)

# Rare surnames for the long tail: every root with every suffix.
SURNAME_ROOTS = _words(
    """Acker Adler Bach Baum Berg Birk Blum Brand Brück Busch Dorn Eber Eck Eichen Engel Falk Feld
    Fink Fried Gold Grün Hage Hahn Hart Hasel Heide Hein Hell Herz Hirsch Hof Holz Horn Kalt
    Kamp Kirch Klee Kolb Kranz Kreuz Kurz Lamb Lind Loh Mar Mohr Moos Neu Ober Ost Pfeif Rab
    Reich Ried Rosen Roth Sand Schell Schön Seel Sieg Sonn Stahl Stein Storch Strauß Tann Thal
    Uhl Vogt Wald Wasser Weid Wein Wester Wies Wild Wind Wittig Zeller"""
)
SURNAME_SUFFIXES = _words(
    """mann er berg feld bach hoff stein meier huber brink kamp hausen ke ling ner s ski"""
)

STREETS = _words("Hauptstraße Bahnhofstraße Gartenweg Schillerstraße Goethestraße Lindenallee")
CITIES = [("10115", "Berlin"), ("50667", "Köln"), ("80331", "München"), ("20095", "Hamburg")]
SALON_MOBILE_PREFIXES = _words("151 152 160 170 171 176 157 162")
MOBILE_PREFIXES = _words("151 152 157 160 162 163 170 171 172 173 175 176")
LANDLINE_PREFIXES = _words("30 89 40 221 69")
EMAIL_DOMAINS = _words("example.org example.com example.net beispiel.de")
STAFF_FIRST_NAMES = _words(
    """Tanja Jörg Aylin Sven Mia Lukas Sophie Can Lea Ben Nina Tom Ida Emre Jana Max Zoe Paul Eva
    Finn Lina Noah Rosa Elif"""
)

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>Cli</name>
    <message>
        <source>Error: {message}</source>
        <translation>Fehler: {message}</translation>
    </message>
    <message>
        <source>Customer {id} added: {name}</source>
        <translation>Kunde {id} angelegt: {name}</translation>
    </message>
    <message>
        <source>No customer found.</source>
        <translation>Kein Kunde gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) imported.</source>
        <translation>
            <numerusform>%n Kunde importiert.</numerusform>
            <numerusform>%n Kunden importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Line {line}: {field}: {problem}</source>
        <translation>Zeile {line}: {field}: {problem}</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) exported.</source>
        <translation>
            <numerusform>%n Kunde exportiert.</numerusform>
            <numerusform>%n Kunden exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Consent declared for {channels}; confirmation requests are queued.</source>
        <translation>Einwilligung für {channels} erfasst; die Bestätigungsanfragen warten im Postausgang.</translation>
    </message>
    <message>
        <source>Withdrawal recorded.</source>
        <translation>Widerruf erfasst.</translation>
    </message>
    <message>
        <source>Objected: {value}</source>
        <translation>Abgemeldet: {value}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Staff member added.</source>
        <translation>Mitarbeiter angelegt.</translation>
    </message>
    <message>
        <source>Service added.</source>
        <translation>Leistung angelegt.</translation>
    </message>
    <message>
        <source>No opening hours set: bookings are not limited.</source>
        <translation>Keine Öffnungszeiten festgelegt: Buchungen sind nicht eingeschränkt.</translation>
    </message>
    <message>
        <source>Appointment {id} booked: {customer}, {service} with {staff}, {start}.</source>
        <translation>Termin {id} gebucht: {customer}, {service} bei {staff}, {start}.</translation>
    </message>
    <message>
        <source>The outbox is empty.</source>
        <translation>Der Postausgang ist leer.</translation>
    </message>
    <message>
        <source>Message queued ({client_id}).</source>
        <translation>Nachricht eingereiht ({client_id}).</translation>
    </message>
    <message>
        <source>The database already has customers; nothing added.</source>
        <translation>Die Datenbank enthält bereits Kunden; nichts hinzugefügt.</translation>
    </message>
    <message>
        <source>Demo salon created: {customers} customers, {appointments} appointments.</source>
        <translation>Demo-Salon angelegt: {customers} Kunden, {appointments} Termine.</translation>
    </message>
    <message>
        <source>Gateway token: </source>
        <translation>Gateway-Token: </translation>
    </message>
    <message>
        <source>Connected to the gateway.</source>
        <translation>Mit dem Gateway verbunden.</translation>
    </message>
    <message>
        <source>Synced: {events} events applied, {accepted} messages handed over, {rejected} refused, {queued} still queued.</source>
        <translation>Abgeglichen: {events} Ereignisse übernommen, {accepted} Nachrichten übergeben, {rejected} abgelehnt, {queued} warten noch.</translation>
    </message>
    <message>
        <source>The database schema is up to date ({revision}).</source>
        <translation>Das Datenbankschema ist aktuell ({revision}).</translation>
    </message>
    <message>
        <source>Backup written to {file}.</source>
        <translation>Sicherung gespeichert unter {file}.</translation>
    </message>
    <message>
        <source>Database restored from {file}.</source>
        <translation>Datenbank wiederhergestellt aus {file}.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>first name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <source>birthday</source>
        <translation>Geburtstag</translation>
    </message>
    <message>
        <source>price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>staff member</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>start time</source>
        <translation>Startzeit</translation>
    </message>
    <message>
        <source>weekday</source>
        <translation>Wochentag</translation>
    </message>
    <message>
        <source>opening hours</source>
        <translation>Öffnungszeiten</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>gateway address</source>
        <translation>Gateway-Adresse</translation>
    </message>
    <message>
        <source>preferred channel</source>
        <translation>bevorzugter Kanal</translation>
    </message>
    <message>
        <source>date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>The {field} is required.</source>
        <translation>Bitte {field} angeben.</translation>
    </message>
    <message>
        <source>The {field} is too long.</source>
        <translation>{field}: Der Text ist zu lang.</translation>
    </message>
    <message>
        <source>“{value}” is not a valid email address.</source>
        <translation>„{value}“ ist keine gültige E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>“{value}” is not a valid phone number.</source>
        <translation>„{value}“ ist keine gültige Telefonnummer.</translation>
    </message>
    <message>
        <source>The {field} lies in the future.</source>
        <translation>{field}: Das Datum liegt in der Zukunft.</translation>
    </message>
    <message>
        <source>“{value}” is not a valid price (example: 35,50).</source>
        <translation>„{value}“ ist kein gültiger Preis (Beispiel: 35,50).</translation>
    </message>
    <message>
        <source>The {field} “{value}” is out of range.</source>
        <translation>{field}: „{value}“ liegt außerhalb des erlaubten Bereichs.</translation>
    </message>
    <message>
        <source>“{value}” is not a valid date (YYYY-MM-DD).</source>
        <translation>„{value}“ ist kein gültiges Datum (JJJJ-MM-TT).</translation>
    </message>
    <message>
        <source>“{value}” is not a valid date and time (YYYY-MM-DDTHH:MM).</source>
        <translation>„{value}“ ist kein gültiger Zeitpunkt (JJJJ-MM-TTTHH:MM).</translation>
    </message>
    <message>
        <source>Staff can record consent only by phone, in person or in writing.</source>
        <translation>Mitarbeiter können eine Einwilligung nur telefonisch, persönlich oder schriftlich erfassen.</translation>
    </message>
    <message>
        <source>Unknown {field} “{value}”.</source>
        <translation>{field}: „{value}“ ist unbekannt.</translation>
    </message>
    <message>
        <source>Opening time must be before closing time.</source>
        <translation>Die Öffnungszeit muss vor der Schließzeit liegen.</translation>
    </message>
    <message>
        <source>The start time has no time zone.</source>
        <translation>Die Startzeit hat keine Zeitzone.</translation>
    </message>
    <message>
        <source>The gateway address must start with https:// (“{value}”).</source>
        <translation>Die Gateway-Adresse muss mit https:// beginnen („{value}“).</translation>
    </message>
    <message>
        <source>The opening hours “{value}” are not in the form 1=09:00-18:00.</source>
        <translation>Die Öffnungszeiten „{value}“ haben nicht die Form 1=09:00-18:00.</translation>
    </message>
    <message>
        <source>The {field} is not valid.</source>
        <translation>{field}: Die Angabe ist ungültig.</translation>
    </message>
    <message>
        <source>email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>{kind} “{key}” was not found.</source>
        <translation>{kind} „{key}“ wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>{kind} “{key}” already exists.</source>
        <translation>{kind} „{key}“ gibt es schon.</translation>
    </message>
    <message>
        <source>A customer with this email address already exists (number {ids}).</source>
        <translation>Es gibt schon einen Kunden mit dieser E-Mail-Adresse (Nummer {ids}).</translation>
    </message>
    <message>
        <source>A customer with this phone number already exists (number {ids}).</source>
        <translation>Es gibt schon einen Kunden mit dieser Telefonnummer (Nummer {ids}).</translation>
    </message>
    <message>
        <source>{staff} is already booked then: appointment {id} with {customer}, {start} to {end}.</source>
        <translation>{staff} ist dann schon gebucht: Termin {id} mit {customer}, {start} bis {end}.</translation>
    </message>
    <message>
        <source>{start} to {end} is outside the opening hours.</source>
        <translation>{start} bis {end} liegt außerhalb der Öffnungszeiten.</translation>
    </message>
    <message>
        <source>{staff} has a break from {start} to {end}.</source>
        <translation>{staff} hat von {start} bis {end} Pause.</translation>
    </message>
    <message>
        <source>{staff} is absent from {start} to {end}.</source>
        <translation>{staff} ist von {start} bis {end} abwesend.</translation>
    </message>
    <message>
        <source>The end must be after the start.</source>
        <translation>Das Ende muss nach dem Beginn liegen.</translation>
    </message>
    <message>
        <source>Consent was not recorded: confirm that the customer agreed just now (ask first, never tick it for them).</source>
        <translation>Die Einwilligung wurde nicht erfasst: Bitte bestätigen, dass der Kunde gerade eben zugestimmt hat (immer zuerst fragen, nie ungefragt ankreuzen).</translation>
    </message>
    <message>
        <source>The customer has no usable address for {channel}.</source>
        <translation>Für {channel} hat der Kunde keine verwendbare Adresse.</translation>
    </message>
    <message>
        <source>Consent for {channel} is already confirmed.</source>
        <translation>Die Einwilligung für {channel} ist bereits bestätigt.</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported: %n row(s) have errors.</source>
        <translation>
            <numerusform>Nichts importiert: %n Zeile ist fehlerhaft.</numerusform>
            <numerusform>Nichts importiert: %n Zeilen sind fehlerhaft.</numerusform>
        </translation>
    </message>
    <message>
        <source>The file cannot be imported: it has no name columns or no rows.</source>
        <translation>Die Datei kann nicht importiert werden: Sie hat keine Namensspalten oder keine Zeilen.</translation>
    </message>
    <message>
        <source>Not sent: {reason}.</source>
        <translation>Nicht gesendet: {reason}.</translation>
    </message>
    <message>
        <source>No gateway is set up yet: desk-app gateway login URL</source>
        <translation>Es ist noch kein Gateway eingerichtet: desk-app gateway login URL</translation>
    </message>
    <message>
        <source>There is no token for the gateway: log in again, or set DESK_APP_GATEWAY_TOKEN.</source>
        <translation>Für das Gateway ist kein Token hinterlegt: bitte erneut anmelden oder DESK_APP_GATEWAY_TOKEN setzen.</translation>
    </message>
    <message>
        <source>This computer has no password store for the token. Set DESK_APP_GATEWAY_TOKEN instead.</source>
        <translation>Dieser Rechner hat keinen Passwortspeicher für das Token. Bitte stattdessen DESK_APP_GATEWAY_TOKEN setzen.</translation>
    </message>
    <message>
        <source>Something went wrong. Nothing was lost; the details are in the log file.</source>
        <translation>Etwas ist schiefgelaufen. Es ging nichts verloren; die Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
    <message>
        <source>The database is busy on another computer. Please try again.</source>
        <translation>Die Datenbank ist gerade an einem anderen Rechner beschäftigt. Bitte noch einmal versuchen.</translation>
    </message>
    <message>
        <source>The disk is full. Free some space, then try again.</source>
        <translation>Der Datenträger ist voll. Bitte Platz schaffen und noch einmal versuchen.</translation>
    </message>
    <message>
        <source>The database file is damaged. Restore the latest backup.</source>
        <translation>Die Datenbankdatei ist beschädigt. Bitte die letzte Sicherung wiederherstellen.</translation>
    </message>
    <message>
        <source>The database server cannot be reached: {detail}</source>
        <translation>Der Datenbankserver ist nicht erreichbar: {detail}</translation>
    </message>
    <message>
        <source>The database cannot be written (read-only file or missing rights).</source>
        <translation>In die Datenbank kann nicht geschrieben werden (schreibgeschützte Datei oder fehlende Rechte).</translation>
    </message>
    <message>
        <source>The gateway cannot be reached. Messages stay in the outbox and go out with the next sync.</source>
        <translation>Das Gateway ist nicht erreichbar. Die Nachrichten bleiben im Postausgang und gehen beim nächsten Abgleich hinaus.</translation>
    </message>
    <message>
        <source>The gateway did not accept the token. Please log in again.</source>
        <translation>Das Gateway hat das Token nicht angenommen. Bitte erneut anmelden.</translation>
    </message>
    <message>
        <source>The gateway has a problem. Messages stay in the outbox; try again later.</source>
        <translation>Das Gateway hat ein Problem. Die Nachrichten bleiben im Postausgang; bitte später erneut versuchen.</translation>
    </message>
    <message>
        <source>The gateway refused the request ({code}).</source>
        <translation>Das Gateway hat die Anfrage abgelehnt ({code}).</translation>
    </message>
    <message>
        <source>same email or phone twice</source>
        <translation>E-Mail oder Telefonnummer doppelt in der Datei</translation>
    </message>
    <message>
        <source>customer already exists</source>
        <translation>Kunde gibt es schon</translation>
    </message>
</context>
<context>
    <name>Gui</name>
    <message>
        <source>Demo gateway: messages appear at {url}</source>
        <translation>Demo-Gateway: Nachrichten erscheinen unter {url}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Salon Desk – {salon}</source>
        <translation>Salon Desk – {salon}</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>{section} – coming soon</source>
        <translation>{section} – folgt in Kürze</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>the customer unsubscribed</source>
        <translation>der Kunde hat sich abgemeldet</translation>
    </message>
    <message>
        <source>this kind of message may not go by this channel</source>
        <translation>diese Art Nachricht ist auf diesem Kanal nicht erlaubt</translation>
    </message>
    <message>
        <source>no address for this channel</source>
        <translation>keine Adresse für diesen Kanal</translation>
    </message>
    <message>
        <source>the address is not valid for this channel</source>
        <translation>die Adresse ist für diesen Kanal ungültig</translation>
    </message>
    <message>
        <source>messages to this address bounced</source>
        <translation>Nachrichten an diese Adresse kamen als unzustellbar zurück</translation>
    </message>
    <message>
        <source>not an existing customer yet</source>
        <translation>noch kein Bestandskunde</translation>
    </message>
    <message>
        <source>the right to object was not pointed out when the address was collected</source>
        <translation>bei der Erhebung der Adresse wurde nicht auf das Widerspruchsrecht hingewiesen</translation>
    </message>
    <message>
        <source>consent was withdrawn</source>
        <translation>die Einwilligung wurde widerrufen</translation>
    </message>
    <message>
        <source>consent was never confirmed (the request expired)</source>
        <translation>die Einwilligung wurde nie bestätigt (Anfrage abgelaufen)</translation>
    </message>
    <message>
        <source>consent not yet confirmed by the customer</source>
        <translation>die Einwilligung ist vom Kunden noch nicht bestätigt</translation>
    </message>
    <message>
        <source>no consent to advertising</source>
        <translation>keine Einwilligung in Werbung</translation>
    </message>
    <message>
        <source>already had the most advertising messages allowed recently</source>
        <translation>hat in letzter Zeit schon die Höchstzahl an Werbenachrichten erhalten</translation>
    </message>
    <message>
        <source>quiet hours: the message goes out later</source>
        <translation>Ruhezeit: die Nachricht geht später hinaus</translation>
    </message>
    <message>
        <source>same address as another recipient: sent only once</source>
        <translation>gleiche Adresse wie ein anderer Empfänger: wird nur einmal gesendet</translation>
    </message>
</context>
</TS>

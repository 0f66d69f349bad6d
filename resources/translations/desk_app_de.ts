<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>AccessWords</name>
    <message>
        <source>book appointments</source>
        <translation>Termine buchen</translation>
    </message>
    <message>
        <source>record consent</source>
        <translation>Einwilligungen erfassen</translation>
    </message>
    <message>
        <source>see the calendar</source>
        <translation>den Kalender sehen</translation>
    </message>
    <message>
        <source>see their own day</source>
        <translation>den eigenen Tag sehen</translation>
    </message>
    <message>
        <source>compose campaigns</source>
        <translation>Kampagnen verfassen</translation>
    </message>
    <message>
        <source>send campaigns</source>
        <translation>Kampagnen senden</translation>
    </message>
    <message>
        <source>export customer data</source>
        <translation>Kundendaten exportieren</translation>
    </message>
    <message>
        <source>erase customers</source>
        <translation>Kunden löschen</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>Einstellungen ändern</translation>
    </message>
    <message>
        <source>change this staff member</source>
        <translation>diesen Mitarbeiter ändern</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>das Protokoll lesen</translation>
    </message>
    <message>
        <source>restore a backup</source>
        <translation>Sicherungen wiederherstellen</translation>
    </message>
    <message>
        <source>Sign in with your own PIN to {action}: this salon does not use the shared sign-in any more.</source>
        <translation>Bitte mit der eigenen PIN anmelden ({action}): Dieser Salon nutzt die gemeinsame Anmeldung nicht mehr.</translation>
    </message>
    <message>
        <source>The role “{role}” may not {action}. Ask the owner.</source>
        <translation>Die Rolle „{role}“ darf nicht {action}. Bitte die Inhaberin oder den Inhaber fragen.</translation>
    </message>
    <message>
        <source>Wrong PIN. One more wrong try locks this member out for a while.</source>
        <translation>Falsche PIN. Noch ein Fehlversuch sperrt die Anmeldung für eine Weile.</translation>
    </message>
    <message>
        <source>Wrong PIN. {count} more wrong tries lock this member out for a while.</source>
        <translation>Falsche PIN. Nach {count} weiteren Fehlversuchen ist die Anmeldung für eine Weile gesperrt.</translation>
    </message>
    <message>
        <source>No member has this PIN. One more such try locks sign-in by PIN alone for a while (picking your name still works).</source>
        <translation>Diese PIN gehört niemandem. Noch ein solcher Versuch, dann ist die Anmeldung nur mit PIN eine Weile gesperrt (mit Namen wählen geht weiter).</translation>
    </message>
    <message>
        <source>No member has this PIN. {count} more such tries lock sign-in by PIN alone for a while (picking your name still works).</source>
        <translation>Diese PIN gehört niemandem. Noch {count} solche Versuche, dann ist die Anmeldung nur mit PIN eine Weile gesperrt (mit Namen wählen geht weiter).</translation>
    </message>
    <message>
        <source>Too many unknown PINs: sign-in by PIN alone is locked until {time}. Pick your name, then type your PIN.</source>
        <translation>Zu viele unbekannte PINs: Die Anmeldung nur mit PIN ist gesperrt bis {time}. Wählen Sie Ihren Namen und geben Sie dann Ihre PIN ein.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: this member can sign in again at {time}, or the owner resets the PIN.</source>
        <translation>Zu oft eine falsche PIN: Anmelden geht wieder ab {time}, oder die Inhaberin bzw. der Inhaber setzt die PIN neu.</translation>
    </message>
    <message>
        <source>The salon needs an active owner: make someone else owner first.</source>
        <translation>Der Salon braucht eine aktive Inhaberin oder einen aktiven Inhaber: Zuerst jemand anderen dazu machen.</translation>
    </message>
    <message>
        <source>This token was not issued here: ask the owner for a new one.</source>
        <translation>Dieser Token wurde hier nicht ausgestellt: Bitten Sie die Inhaberin oder den Inhaber um einen neuen.</translation>
    </message>
    <message>
        <source>This token has expired: ask the owner for a new one.</source>
        <translation>Dieser Token ist abgelaufen: Bitten Sie die Inhaberin oder den Inhaber um einen neuen.</translation>
    </message>
    <message>
        <source>This token was revoked by the owner: ask for a new one.</source>
        <translation>Dieser Token wurde von der Inhaberin oder dem Inhaber widerrufen: Bitten Sie um einen neuen.</translation>
    </message>
    <message>
        <source>This token&apos;s staff member is no longer active.</source>
        <translation>Die Mitarbeiterin oder der Mitarbeiter dieses Tokens ist nicht mehr aktiv.</translation>
    </message>
    <message>
        <source>Sign in to run “{command}”: this salon does not use the shared sign-in any more. Add --as NAME (the PIN is read from stdin) or use a token from the owner (DESK_APP_TOKEN or --token-file).</source>
        <translation>Melden Sie sich an, um „{command}“ auszuführen: Dieser Salon nutzt die gemeinsame Anmeldung nicht mehr. Geben Sie --as NAME an (die PIN wird von stdin gelesen) oder nutzen Sie einen Token der Inhaberin oder des Inhabers (DESK_APP_TOKEN oder --token-file).</translation>
    </message>
</context>
<context>
    <name>AdvertisingRulesBox</name>
    <message>
        <source>Rules for advertising</source>
        <translation>Regeln für Werbung</translation>
    </message>
    <message>
        <source>Advertising messages per customer in 30 days</source>
        <translation>Werbenachrichten pro Kunde in 30 Tagen</translation>
    </message>
    <message>
        <source>advertising messages per customer in 30 days</source>
        <translation>Werbenachrichten pro Kunde in 30 Tagen</translation>
    </message>
    <message>
        <source>At &amp;most:</source>
        <translation>&amp;Höchstens:</translation>
    </message>
    <message>
        <source>Campaigns, birthday greetings, review requests and win-back messages count together; booking confirmations and reminders do not count.</source>
        <translation>Kampagnen, Geburtstagsgrüße, Bitten um Bewertung und Einladungen zum Wiederkommen zählen zusammen; Buchungsbestätigungen und Terminerinnerungen zählen nicht.</translation>
    </message>
    <message>
        <source>Advertising SMS from</source>
        <translation>Werbe-SMS ab</translation>
    </message>
    <message>
        <source>Advertising SMS until</source>
        <translation>Werbe-SMS bis</translation>
    </message>
    <message>
        <source>and</source>
        <translation>und</translation>
    </message>
    <message>
        <source>o&apos;clock</source>
        <translation>Uhr</translation>
    </message>
    <message>
        <source>Advertising SMS only be&amp;tween:</source>
        <translation>Werbe-SMS nur &amp;zwischen:</translation>
    </message>
    <message>
        <source>Outside these hours advertising SMS wait until the time comes round again. Emails, booking confirmations and reminders go out at any time.</source>
        <translation>Außerhalb dieser Zeit warten Werbe-SMS, bis sie wieder beginnt. E-Mails, Buchungsbestätigungen und Terminerinnerungen werden jederzeit gesendet.</translation>
    </message>
    <message>
        <source> €</source>
        <translation> €</translation>
    </message>
    <message>
        <source>&amp;Price per SMS:</source>
        <translation>&amp;Preis pro SMS:</translation>
    </message>
    <message>
        <source>Your provider&apos;s price for one SMS part; only used to estimate what a campaign costs.</source>
        <translation>Preis Ihres Anbieters für einen SMS-Teil; dient nur dazu, die Kosten einer Kampagne zu schätzen.</translation>
    </message>
    <message>
        <source>e.g. owner@example.org</source>
        <translation>z. B. inhaber@example.org</translation>
    </message>
    <message>
        <source>Test &amp;emails to:</source>
        <translation>Test-&amp;E-Mails an:</translation>
    </message>
    <message>
        <source>e.g. 0151 12345678</source>
        <translation>z. B. 0151 12345678</translation>
    </message>
    <message>
        <source>Test &amp;SMS to:</source>
        <translation>Test-&amp;SMS an:</translation>
    </message>
    <message>
        <source>A campaign&apos;s test send goes to you here before it goes to customers.</source>
        <translation>Der Testversand einer Kampagne geht hierhin an Sie, bevor die Kampagne an Kunden geht.</translation>
    </message>
</context>
<context>
    <name>AppointmentMenu</name>
    <message>
        <source>&amp;Arrived</source>
        <translation>&amp;Erschienen</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>E&amp;rledigt</translation>
    </message>
    <message>
        <source>&amp;No-show</source>
        <translation>&amp;Nicht erschienen</translation>
    </message>
    <message>
        <source>&amp;Back to booked</source>
        <translation>&amp;Zurück auf gebucht</translation>
    </message>
    <message>
        <source>Change &amp;service</source>
        <translation>Dienstleistung &amp;ändern</translation>
    </message>
    <message>
        <source>&amp;Cancel appointment</source>
        <translation>Termin &amp;stornieren</translation>
    </message>
    <message>
        <source>Send confirmation and &amp;reminder</source>
        <translation>&amp;Bestätigung und Erinnerung senden</translation>
    </message>
</context>
<context>
    <name>AttendanceHint</name>
    <message numerus="yes">
        <source>%n no-show(s)</source>
        <translation>
            <numerusform>%n Nichterscheinen</numerusform>
            <numerusform>%n-mal nicht erschienen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n late cancellation(s)</source>
        <translation>
            <numerusform>%n kurzfristige Absage</numerusform>
            <numerusform>%n kurzfristige Absagen</numerusform>
        </translation>
    </message>
    <message>
        <source>{no_shows} and {late}</source>
        <translation>{no_shows} und {late}</translation>
    </message>
    <message>
        <source>{counts} in the last 12 months.</source>
        <translation>{counts} in den letzten 12 Monaten.</translation>
    </message>
</context>
<context>
    <name>AudienceLists</name>
    <message>
        <source>Search by name or channel</source>
        <translation>Nach Name oder Kanal suchen</translation>
    </message>
    <message>
        <source>Search by name or reason</source>
        <translation>Nach Name oder Grund suchen</translation>
    </message>
    <message>
        <source>&amp;Recipients ({count})</source>
        <translation>Emp&amp;fänger ({count})</translation>
    </message>
    <message>
        <source>&amp;Left out ({count})</source>
        <translation>Ausgesch&amp;lossen ({count})</translation>
    </message>
    <message>
        <source>All reasons ({count})</source>
        <translation>Alle Gründe ({count})</translation>
    </message>
    <message>
        <source>{reason} ({count})</source>
        <translation>{reason} ({count})</translation>
    </message>
</context>
<context>
    <name>AudienceModel</name>
    <message>
        <source>{channel}, after the quiet hours</source>
        <translation>{channel}, nach der Ruhezeit</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
</context>
<context>
    <name>AudiencePanel</name>
    <message>
        <source>Last visit before</source>
        <translation>Letzter Besuch vor</translation>
    </message>
    <message>
        <source>Last visit since</source>
        <translation>Letzter Besuch seit</translation>
    </message>
    <message>
        <source>Had a service of</source>
        <translation>Hatte Leistung aus</translation>
    </message>
    <message>
        <source>Served by</source>
        <translation>Bedient von</translation>
    </message>
    <message>
        <source>Birthday from</source>
        <translation>Geburtstag vom</translation>
    </message>
    <message>
        <source>New customers since</source>
        <translation>Neukunden seit</translation>
    </message>
    <message>
        <source>Visits at least</source>
        <translation>Besuche mindestens</translation>
    </message>
    <message>
        <source>Visits at most</source>
        <translation>Besuche höchstens</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Untick every filter</source>
        <translation>Alle Filter abwählen</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
</context>
<context>
    <name>AudienceStep</name>
    <message>
        <source>2 · Recipients</source>
        <translation>2 · Empfänger</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n Empfänger</numerusform>
            <numerusform>%n Empfänger</numerusform>
        </translation>
    </message>
    <message>
        <source>({email} by email, {sms} by SMS)</source>
        <translation>({email} per E-Mail, {sms} per SMS)</translation>
    </message>
    <message numerus="yes">
        <source>%n left out</source>
        <translation>
            <numerusform>%n ausgeschlossen</numerusform>
            <numerusform>%n ausgeschlossen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n SMS wait for the end of the quiet hours</source>
        <translation>
            <numerusform>%n SMS wartet auf das Ende der Ruhezeit</numerusform>
            <numerusform>%n SMS warten auf das Ende der Ruhezeit</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditFilterBar</name>
    <message>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <source>the beginning</source>
        <translation>Anfang</translation>
    </message>
    <message>
        <source>Customer, staff member or campaign</source>
        <translation>Kundin, Mitarbeiterin oder Kampagne</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>&amp;Wer:</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Aktion:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>&amp;Concerns:</source>
        <translation>&amp;Betrifft:</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>Audit log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Who did what, and when: sign-ins, consent recorded or withdrawn, exports, erasures, campaigns sent, and changes to settings and staff. Entries cannot be changed or deleted.</source>
        <translation>Wer hat wann was getan: Anmeldungen, erfasste oder widerrufene Einwilligungen, Datenauskünfte, Löschungen, versendete Kampagnen und Änderungen an Einstellungen und Team. Einträge lassen sich weder ändern noch löschen.</translation>
    </message>
    <message>
        <source>&amp;Export as CSV…</source>
        <translation>Als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>Save the entries these filters show as a CSV file</source>
        <translation>Die Einträge, die diese Filter zeigen, als CSV-Datei speichern</translation>
    </message>
    <message>
        <source>No entries match these filters.</source>
        <translation>Keine Einträge für diese Filter.</translation>
    </message>
    <message>
        <source>Choose “Everyone”, “All actions” or earlier days to see more.</source>
        <translation>Wählen Sie „Alle“, „Alle Aktionen“ oder frühere Tage, um mehr zu sehen.</translation>
    </message>
    <message>
        <source>&amp;Show all entries</source>
        <translation>Alle Einträge &amp;zeigen</translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation>Noch nichts protokolliert.</translation>
    </message>
    <message>
        <source>Sign-ins, consent, exports, erasures, campaigns and changes to settings and staff will be listed here.</source>
        <translation>Hier erscheinen Anmeldungen, Einwilligungen, Datenauskünfte, Löschungen, Kampagnen und Änderungen an Einstellungen und Team.</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Protokoll exportieren</translation>
    </message>
    <message>
        <source>audit-log.csv</source>
        <translation>protokoll.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>%n entries saved to {file}.</source>
        <translation>
            <numerusform>%n Eintrag in {file} gespeichert.</numerusform>
            <numerusform>%n Einträge in {file} gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save the file: {reason}</source>
        <translation>Die Datei konnte nicht gespeichert werden: {reason}</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Mitarbeiter/in</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>Betrifft</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Consent recorded</source>
        <translation>Einwilligung erfasst</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>Einwilligung widerrufen</translation>
    </message>
    <message>
        <source>Objection recorded</source>
        <translation>Widerspruch erfasst</translation>
    </message>
    <message>
        <source>Customer data exported</source>
        <translation>Kundendaten exportiert</translation>
    </message>
    <message>
        <source>Customer erased</source>
        <translation>Kundin/Kunde gelöscht</translation>
    </message>
    <message>
        <source>Campaign sent</source>
        <translation>Kampagne versendet</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>Einstellungen geändert</translation>
    </message>
    <message>
        <source>Staff member added</source>
        <translation>Mitarbeiter/in angelegt</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Rolle geändert</translation>
    </message>
    <message>
        <source>Staff member (de)activated</source>
        <translation>Mitarbeiter/in (de)aktiviert</translation>
    </message>
    <message>
        <source>PIN set</source>
        <translation>PIN gesetzt</translation>
    </message>
    <message>
        <source>Token issued</source>
        <translation>Token ausgestellt</translation>
    </message>
    <message>
        <source>Token revoked</source>
        <translation>Token widerrufen</translation>
    </message>
    <message>
        <source>Signed in by token</source>
        <translation>Per Token angemeldet</translation>
    </message>
    <message>
        <source>Signed in to the gateway</source>
        <translation>Am Gateway angemeldet</translation>
    </message>
    <message>
        <source>Inactive customers anonymised</source>
        <translation>Inaktive Kunden anonymisiert</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>Sicherung erstellt</translation>
    </message>
    <message>
        <source>Database restored</source>
        <translation>Datenbank wiederhergestellt</translation>
    </message>
    <message>
        <source>Recurring series changed</source>
        <translation>Terminserie geändert</translation>
    </message>
    <message>
        <source>Shared sign-in</source>
        <translation>Gemeinsame Anmeldung</translation>
    </message>
    <message>
        <source>Salon settings</source>
        <translation>Salon-Einstellungen</translation>
    </message>
    <message>
        <source>Customer no. {number} (erased)</source>
        <translation>Kundin/Kunde Nr. {number} (gelöscht)</translation>
    </message>
    <message>
        <source>Customer {name}</source>
        <translation>Kundin/Kunde {name}</translation>
    </message>
    <message>
        <source>Staff member {name}</source>
        <translation>Mitarbeiter/in {name}</translation>
    </message>
    <message>
        <source>Campaign “{name}”</source>
        <translation>Kampagne „{name}“</translation>
    </message>
    <message>
        <source>Customer no. {number}</source>
        <translation>Kundin/Kunde Nr. {number}</translation>
    </message>
    <message>
        <source>Staff member no. {number}</source>
        <translation>Mitarbeiter/in Nr. {number}</translation>
    </message>
    <message>
        <source>Campaign no. {number}</source>
        <translation>Kampagne Nr. {number}</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>Falsche PIN</translation>
    </message>
    <message>
        <source>Wrong PIN; the member is locked out now</source>
        <translation>Falsche PIN; jetzt vorübergehend gesperrt</translation>
    </message>
    <message>
        <source>Tried while locked out</source>
        <translation>Versucht, während gesperrt</translation>
    </message>
    <message>
        <source>{channels}, {source}, asked by {staff}</source>
        <translation>{channels}, {source}, erfragt von {staff}</translation>
    </message>
    <message>
        <source>{source}, recorded by {staff}</source>
        <translation>{source}, erfasst von {staff}</translation>
    </message>
    <message>
        <source>Erased by {staff}; {count} address(es) blocked</source>
        <translation>Gelöscht von {staff}; {count} Adresse(n) gesperrt</translation>
    </message>
    <message>
        <source>{type}, {channel}, {count} recipient(s), from {time}</source>
        <translation>{type}, {channel}, {count} Empfänger, ab {time}</translation>
    </message>
    <message>
        <source>{member} as {role}</source>
        <translation>{member} als {role}</translation>
    </message>
    <message>
        <source>{member}: {old} → {new}</source>
        <translation>{member}: {old} → {new}</translation>
    </message>
    <message>
        <source>{member} activated</source>
        <translation>{member} aktiviert</translation>
    </message>
    <message>
        <source>{member} deactivated; tokens revoked: {count}</source>
        <translation>{member} deaktiviert; widerrufene Tokens: {count}</translation>
    </message>
    <message>
        <source>{member} deactivated</source>
        <translation>{member} deaktiviert</translation>
    </message>
    <message>
        <source>PIN of {member} set</source>
        <translation>PIN von {member} gesetzt</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>Automations</name>
    <message>
        <source>Booking confirmation</source>
        <translation>Buchungsbestätigung</translation>
    </message>
    <message>
        <source>Appointment reminder</source>
        <translation>Terminerinnerung</translation>
    </message>
    <message>
        <source>Birthday greeting</source>
        <translation>Geburtstagsgruß</translation>
    </message>
    <message>
        <source>Review request</source>
        <translation>Bitte um Bewertung</translation>
    </message>
    <message>
        <source>Win-back message</source>
        <translation>Einladung zum Wiederkommen</translation>
    </message>
    <message>
        <source>messages switched off for the booking</source>
        <translation>Benachrichtigungen für den Termin ausgeschaltet</translation>
    </message>
    <message>
        <source>no link to the review page</source>
        <translation>kein Link zur Bewertungsseite</translation>
    </message>
    <message>
        <source>no salon address for the imprint of advertising emails</source>
        <translation>keine Salonadresse für das Impressum von Werbe-E-Mails</translation>
    </message>
    <message>
        <source>booked again</source>
        <translation>wieder gebucht</translation>
    </message>
</context>
<context>
    <name>AutomationsPanel</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Changes are saved at once.</source>
        <translation>Änderungen werden sofort gespeichert.</translation>
    </message>
    <message>
        <source>Automatic messages</source>
        <translation>Automatische Nachrichten</translation>
    </message>
    <message>
        <source>(transactional message, not advertising)</source>
        <translation>(Transaktionsnachricht, keine Werbung)</translation>
    </message>
    <message>
        <source>only to customers with confirmed consent (advertising)</source>
        <translation>nur an Kunden mit bestätigter Einwilligung (Werbung)</translation>
    </message>
    <message>
        <source>&amp;Booking confirmation</source>
        <translation>&amp;Buchungsbestätigung</translation>
    </message>
    <message>
        <source>right after booking, to the customer of the appointment {kind}</source>
        <translation>sofort nach der Buchung, an den Kunden des Termins {kind}</translation>
    </message>
    <message>
        <source>Appointment &amp;reminder</source>
        <translation>&amp;Terminerinnerung</translation>
    </message>
    <message>
        <source>before the appointment, to everyone with a booked appointment {kind}</source>
        <translation>vor dem Termin, an alle mit gebuchtem Termin {kind}</translation>
    </message>
    <message>
        <source>Birth&amp;day greeting</source>
        <translation>&amp;Geburtstagsgruß</translation>
    </message>
    <message>
        <source>on the customer&apos;s birthday, {who}</source>
        <translation>am Geburtstag, {who}</translation>
    </message>
    <message>
        <source>Re&amp;view request</source>
        <translation>Bitte &amp;um Bewertung</translation>
    </message>
    <message>
        <source>after the appointment ends: asks for a review on your review page, {who}</source>
        <translation>nach Terminende: bittet um eine Bewertung auf Ihrer Bewertungsseite, {who}</translation>
    </message>
    <message>
        <source>&amp;Win-back message</source>
        <translation>Einladung zum Wiederk&amp;ommen</translation>
    </message>
    <message>
        <source>after the last visit, when nothing new is booked: invites the customer back, {who}</source>
        <translation>nach dem letzten Besuch, wenn kein neuer Termin gebucht ist: lädt wieder in den Salon ein, {who}</translation>
    </message>
    <message>
        <source> h</source>
        <translation> Std.</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Hours before the appointment</source>
        <translation>Stunden vor dem Termin</translation>
    </message>
    <message>
        <source>Hours after the appointment</source>
        <translation>Stunden nach dem Termin</translation>
    </message>
    <message>
        <source>Days since the last visit</source>
        <translation>Tage seit dem letzten Besuch</translation>
    </message>
    <message>
        <source>They run every 5 minutes while the program is open.</source>
        <translation>Laufen alle 5 Minuten, solange das Programm geöffnet ist.</translation>
    </message>
    <message>
        <source>e.g. https://g.page/r/…/review</source>
        <translation>z. B. https://g.page/r/…/review</translation>
    </message>
    <message>
        <source>&amp;Link to your review page:</source>
        <translation>&amp;Link zur Bewertungsseite:</translation>
    </message>
    <message>
        <source>Review requests need the link to your review page (for example on Google): until it is entered, none are sent.</source>
        <translation>Für Bitten um Bewertung fehlt der Link zu Ihrer Bewertungsseite (z. B. bei Google): Solange er fehlt, wird keine gesendet.</translation>
    </message>
    <message>
        <source>✓ Saved</source>
        <translation>✓ Gespeichert</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>Backups</source>
        <translation>Datensicherung</translation>
    </message>
    <message>
        <source>Salon Desk copies its data every day. Best on another disk or a network share; empty: {folder}.</source>
        <translation>Salon Desk sichert seine Daten jeden Tag. Am besten auf einer anderen Festplatte oder einem Netzlaufwerk; leer: {folder}.</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Wählen…</translation>
    </message>
    <message>
        <source>Backup fo&amp;lder:</source>
        <translation>&amp;Ordner für Sicherungen:</translation>
    </message>
    <message>
        <source>Finish saves everything at once.</source>
        <translation>„Fertig“ speichert alles auf einmal.</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Ordner für Sicherungen</translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <source>C&amp;hoose …</source>
        <translation>&amp;Auswählen …</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source> weeks</source>
        <translation> Wochen</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Jetzt sichern</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>Keep daily backups for:</source>
        <translation>Tägliche Sicherungen aufbewahren:</translation>
    </message>
    <message>
        <source>Keep weekly backups for:</source>
        <translation>Wöchentliche Sicherungen aufbewahren:</translation>
    </message>
    <message>
        <source>Warn after no backup for:</source>
        <translation>Warnen nach Zeit ohne Sicherung:</translation>
    </message>
    <message>
        <source>While the window is open, the database is copied into this folder once a day (and at start when today has no copy yet). Better a folder on another disk or a network share: a copy on the same disk is lost with it. Restore a copy with File ▸ Restore backup …</source>
        <translation>Solange das Fenster offen ist, wird die Datenbank einmal am Tag in diesen Ordner kopiert (und beim Start, wenn es heute noch keine Kopie gibt). Besser ein Ordner auf einer anderen Festplatte oder einer Netzwerkfreigabe: Eine Kopie auf derselben Festplatte geht mit ihr verloren. Zurückholen mit Datei ▸ Sicherung wiederherstellen …</translation>
    </message>
    <message>
        <source>Changes on this page are saved at once.</source>
        <translation>Änderungen auf dieser Seite werden sofort gespeichert.</translation>
    </message>
    <message>
        <source>Backing up …</source>
        <translation>Wird gesichert …</translation>
    </message>
    <message>
        <source>No backup yet in {folder}.</source>
        <translation>Noch keine Sicherung in {folder}.</translation>
    </message>
    <message>
        <source>Last good backup: {time}</source>
        <translation>Letzte gültige Sicherung: {time}</translation>
    </message>
    <message>
        <source>Backup written to {file}.</source>
        <translation>Sicherung gespeichert unter {file}.</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Sicherungsordner</translation>
    </message>
    <message>
        <source>✓ Saved</source>
        <translation>✓ Gespeichert</translation>
    </message>
</context>
<context>
    <name>BackupWarning</name>
    <message>
        <source>⚠ No backup yet</source>
        <translation>⚠ Keine Sicherung</translation>
    </message>
    <message>
        <source>No backup was found in {folder}.</source>
        <translation>In {folder} wurde keine Sicherung gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>⚠ No backup for %n day(s)</source>
        <translation>
            <numerusform>⚠ Seit %n Tag keine Sicherung</numerusform>
            <numerusform>⚠ Seit %n Tagen keine Sicherung</numerusform>
        </translation>
    </message>
    <message>
        <source>The newest good backup in {folder} is from {time}.</source>
        <translation>Die neueste gültige Sicherung in {folder} ist vom {time}.</translation>
    </message>
    <message>
        <source>The database server&apos;s pg_dump should write a dump there every day.</source>
        <translation>Das pg_dump des Datenbankservers sollte dort jeden Tag eine Sicherung ablegen.</translation>
    </message>
    <message>
        <source>Click to open the backup settings.</source>
        <translation>Klicken, um die Einstellungen der Sicherung zu öffnen.</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>Database restored from {file}. The state before is kept in {safety}.</source>
        <translation>Datenbank aus {file} wiederhergestellt. Der Stand davor liegt in {safety}.</translation>
    </message>
    <message>
        <source>Restore backup …</source>
        <translation>Sicherung wiederherstellen …</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Total: {count}</source>
        <translation>Gesamt: {count}</translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) from {first} to {last}.</source>
        <translation>
            <numerusform>%n Wert von {first} bis {last}.</numerusform>
            <numerusform>%n Werte von {first} bis {last}.</numerusform>
        </translation>
    </message>
    <message>
        <source>{series}: {total} in total, most in {category} ({count}).</source>
        <translation>{series}: insgesamt {total}, am meisten in {category} ({count}).</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>New appointment</source>
        <translation>Neuer Termin</translation>
    </message>
    <message>
        <source>Choose a service</source>
        <translation>Leistung wählen</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Optional, e.g. “wants it short”</source>
        <translation>Optional, z. B. „möchte es kurz“</translation>
    </message>
    <message>
        <source>T&amp;ime:</source>
        <translation>&amp;Uhrzeit:</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>&amp;Dauer:</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation>&amp;Leistung:</translation>
    </message>
    <message>
        <source>S&amp;taff:</source>
        <translation>&amp;Mitarbeiter:</translation>
    </message>
    <message>
        <source>D&amp;ate:</source>
        <translation>D&amp;atum:</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>N&amp;otiz:</translation>
    </message>
    <message>
        <source>Book an&amp;yway (outside the hours, on a closed day or during an absence)</source>
        <translation>&amp;Trotzdem buchen (außerhalb der Zeiten, am Schließtag, bei Abwesenheit)</translation>
    </message>
    <message>
        <source>{before} min work · {processing} min processing (the stylist is free for someone else) · {after} min work</source>
        <translation>{before} Min. Arbeit · {processing} Min. Einwirkzeit (frei für andere Kundschaft) · {after} Min. Arbeit</translation>
    </message>
    <message>
        <source>{name} is free then.</source>
        <translation>{name} ist dann frei.</translation>
    </message>
    <message>
        <source>Nobody is free at this time.</source>
        <translation>Zu dieser Zeit ist niemand frei.</translation>
    </message>
    <message>
        <source>{name} ({minutes} min)</source>
        <translation>{name} ({minutes} Min.)</translation>
    </message>
    <message>
        <source>The time is free.</source>
        <translation>Der Termin ist frei.</translation>
    </message>
</context>
<context>
    <name>CalendarCommands</name>
    <message>
        <source>New appointment</source>
        <translation>Neuer Termin</translation>
    </message>
    <message>
        <source>New appointment for {customer}</source>
        <translation>Neuer Termin für {customer}</translation>
    </message>
    <message>
        <source>Move appointment of {customer} to {when}</source>
        <translation>Termin von {customer} auf {when} verschieben</translation>
    </message>
    <message>
        <source>Change duration of {customer}&apos;s appointment</source>
        <translation>Dauer des Termins von {customer} ändern</translation>
    </message>
    <message>
        <source>Mark {customer} as arrived</source>
        <translation>{customer} als erschienen markieren</translation>
    </message>
    <message>
        <source>Mark {customer}&apos;s appointment as done</source>
        <translation>Termin von {customer} als erledigt markieren</translation>
    </message>
    <message>
        <source>Mark {customer} as no-show</source>
        <translation>{customer} als nicht erschienen markieren</translation>
    </message>
    <message>
        <source>Cancel appointment of {customer} ({when})</source>
        <translation>Termin von {customer} stornieren ({when})</translation>
    </message>
    <message>
        <source>Reset status of {customer}&apos;s appointment</source>
        <translation>Status des Termins von {customer} zurücksetzen</translation>
    </message>
    <message>
        <source>Change appointment of {customer}</source>
        <translation>Termin von {customer} ändern</translation>
    </message>
    <message>
        <source>Change {customer}&apos;s series from {when}</source>
        <translation>Serie von {customer} ab {when} ändern</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Go to date</source>
        <translation>Zu Datum springen</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>Staff member for the week view and the day list</source>
        <translation>Mitarbeiter für die Wochenansicht und die Tagesliste</translation>
    </message>
    <message>
        <source>New appointment</source>
        <translation>Neuer Termin</translation>
    </message>
    <message>
        <source>New appointment (Ctrl+N)</source>
        <translation>Neuer Termin (Strg+N)</translation>
    </message>
    <message>
        <source>Print day list</source>
        <translation>Tagesliste drucken</translation>
    </message>
    <message>
        <source>Go to a day in the month (Ctrl+G)</source>
        <translation>Zu einem Tag im Monat springen (Strg+G)</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Farblegende</translation>
    </message>
    <message>
        <source>Show or hide the legend of service colours</source>
        <translation>Legende der Leistungsfarben ein- oder ausblenden</translation>
    </message>
    <message>
        <source>&amp;Waitlist…</source>
        <translation>&amp;Warteliste…</translation>
    </message>
    <message>
        <source>Put a customer on the waitlist</source>
        <translation>Eine Kundin oder einen Kunden auf die Warteliste setzen</translation>
    </message>
    <message>
        <source>Nobody works in the calendar yet.</source>
        <translation>Noch niemand arbeitet im Kalender.</translation>
    </message>
    <message>
        <source>Add your team in the settings (Ctrl+,), tab “Staff”.</source>
        <translation>Legen Sie Ihr Team in den Einstellungen an (Strg+,), Reiter „Mitarbeiter“.</translation>
    </message>
    <message>
        <source>No appointments on this day.</source>
        <translation>An diesem Tag sind keine Termine gebucht.</translation>
    </message>
    <message>
        <source>Double-click a free time, or press Ctrl+N, to book one.</source>
        <translation>Doppelklick auf eine freie Zeit oder Strg+N bucht einen Termin.</translation>
    </message>
    <message>
        <source>No appointments for {name} this week.</source>
        <translation>Keine Termine für {name} in dieser Woche.</translation>
    </message>
    <message>
        <source>Week {week}: {first} – {last}</source>
        <translation>KW {week}: {first} – {last}</translation>
    </message>
    <message>
        <source>Previous week (Alt+Left)</source>
        <translation>Vorige Woche (Alt+Links)</translation>
    </message>
    <message>
        <source>Next week (Alt+Right)</source>
        <translation>Nächste Woche (Alt+Rechts)</translation>
    </message>
    <message>
        <source>Previous day (Alt+Left)</source>
        <translation>Voriger Tag (Alt+Links)</translation>
    </message>
    <message>
        <source>Next day (Alt+Right)</source>
        <translation>Nächster Tag (Alt+Rechts)</translation>
    </message>
</context>
<context>
    <name>CampaignComposer</name>
    <message>
        <source>3 · Content</source>
        <translation>3 · Inhalt</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Nobody can be reached with these filters and this channel.</source>
        <translation>Mit diesen Filtern und diesem Kanal ist niemand erreichbar.</translation>
    </message>
    <message>
        <source>Fix the problems in the content (step 3) first.</source>
        <translation>Bitte zuerst die Fehler im Inhalt (Schritt 3) beheben.</translation>
    </message>
    <message>
        <source>Still missing: {fields}.</source>
        <translation>Es fehlt noch: {fields}.</translation>
    </message>
    <message>
        <source>Give the campaign a name (step 1).</source>
        <translation>Bitte der Kampagne eine Bezeichnung geben (Schritt 1).</translation>
    </message>
    <message>
        <source>The scheduled time has passed: choose a later one.</source>
        <translation>Der geplante Zeitpunkt ist vorbei: bitte einen späteren wählen.</translation>
    </message>
</context>
<context>
    <name>CampaignListModel</name>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Goes out</source>
        <translation>Versand ab</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
</context>
<context>
    <name>CampaignResultView</name>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>At the gateway</source>
        <translation>Beim Gateway</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Undeliverable</source>
        <translation>Unzustellbar</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>Unsubscribed afterwards</source>
        <translation>Danach abgemeldet</translation>
    </message>
    <message>
        <source>Failed or undeliverable</source>
        <translation>Fehlgeschlagen oder unzustellbar</translation>
    </message>
    <message>
        <source>Still on the way</source>
        <translation>Noch unterwegs</translation>
    </message>
    <message>
        <source>No campaign chosen</source>
        <translation>Keine Kampagne ausgewählt</translation>
    </message>
    <message numerus="yes">
        <source>{type} by {channel}; goes out from {time}; %n message(s) queued.</source>
        <translation>
            <numerusform>{type} per {channel}; Versand ab {time}; %n Nachricht eingereiht.</numerusform>
            <numerusform>{type} per {channel}; Versand ab {time}; %n Nachrichten eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Messages by status</source>
        <translation>Nachrichten nach Status</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>of {queued} queued</source>
        <translation>von {queued} eingereihten</translation>
    </message>
    <message>
        <source>{percent} % of queued</source>
        <translation>{percent} % der eingereihten</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>Kundinnen und Kunden</translation>
    </message>
    <message>
        <source>{reason}: {count}</source>
        <translation>{reason}: {count}</translation>
    </message>
    <message>
        <source>Nobody was left out.</source>
        <translation>Niemand wurde ausgeschlossen.</translation>
    </message>
    <message>
        <source>Left out when queued: {reasons}.</source>
        <translation>Beim Einreihen ausgeschlossen: {reasons}.</translation>
    </message>
</context>
<context>
    <name>CampaignWords</name>
    <message>
        <source>Promotion or offer</source>
        <translation>Aktion oder Angebot</translation>
    </message>
    <message>
        <source>Birthday greeting</source>
        <translation>Geburtstagsgruß</translation>
    </message>
    <message>
        <source>Request for a review</source>
        <translation>Bitte um Bewertung</translation>
    </message>
    <message>
        <source>Win back (“we miss you”)</source>
        <translation>Rückgewinnung („Wir vermissen Sie“)</translation>
    </message>
    <message>
        <source>Service information (closure, opening hours, move)</source>
        <translation>Serviceinformation (Schließung, Öffnungszeiten, Umzug)</translation>
    </message>
    <message>
        <source>Similar offer to existing customers</source>
        <translation>Ähnliches Angebot an Bestandskunden</translation>
    </message>
    <message>
        <source>Service information: to all existing customers (at least one appointment) who have not unsubscribed. It must not contain advertising.</source>
        <translation>Serviceinformation: an alle Bestandskunden (mindestens ein Termin) ohne Widerspruch. Sie darf keine Werbung enthalten.</translation>
    </message>
    <message>
        <source>Similar offer: by email only, to customers with a completed appointment who were told of their right to object when the address was taken. The notice of the right to object is added to every message.</source>
        <translation>Ähnliches Angebot: nur per E-Mail an Kunden mit abgeschlossenem Termin, die bei der Erfassung der Adresse auf ihr Widerspruchsrecht hingewiesen wurden. Der Widerspruchshinweis wird jeder Nachricht angefügt.</translation>
    </message>
    <message>
        <source>Advertising: only to customers who confirmed their consent (double opt-in) on this channel and have not unsubscribed.</source>
        <translation>Werbung: nur an Kunden mit bestätigter Einwilligung (Double-Opt-In) auf diesem Kanal, die sich nicht abgemeldet haben.</translation>
    </message>
    <message>
        <source>In law, greetings, review requests and win-back messages are advertising too.</source>
        <translation>Rechtlich sind auch Grüße, Bewertungsbitten und Rückgewinnungs-Nachrichten Werbung.</translation>
    </message>
    <message>
        <source>Best available</source>
        <translation>Bester verfügbarer Kanal</translation>
    </message>
    <message>
        <source>Every recipient gets an email.</source>
        <translation>Jeder Empfänger bekommt eine E-Mail.</translation>
    </message>
    <message>
        <source>Every recipient gets an SMS (costs per part).</source>
        <translation>Jeder Empfänger bekommt eine SMS (Kosten pro Teil).</translation>
    </message>
    <message>
        <source>Each customer by a channel they may be reached on, their preferred one first.</source>
        <translation>Jeder Kunde über einen Kanal, auf dem er erreicht werden darf – bevorzugt über seinen Wunschkanal.</translation>
    </message>
    <message>
        <source>The customer&apos;s first name</source>
        <translation>Vorname des Kunden</translation>
    </message>
    <message>
        <source>The customer&apos;s last name</source>
        <translation>Nachname des Kunden</translation>
    </message>
    <message>
        <source>The salon&apos;s name</source>
        <translation>Name des Salons</translation>
    </message>
    <message>
        <source>The salon&apos;s phone number</source>
        <translation>Telefonnummer des Salons</translation>
    </message>
    <message>
        <source>The salon&apos;s postal address</source>
        <translation>Die Postanschrift des Salons</translation>
    </message>
    <message>
        <source>Staff member of the last visit</source>
        <translation>Mitarbeiter beim letzten Besuch</translation>
    </message>
    <message>
        <source>Date of the last visit</source>
        <translation>Datum des letzten Besuchs</translation>
    </message>
    <message>
        <source>Next booked appointment (empty if none)</source>
        <translation>Nächster gebuchter Termin (leer, wenn keiner)</translation>
    </message>
    <message>
        <source>Link to the salon&apos;s review page</source>
        <translation>Link zur Bewertungsseite des Salons</translation>
    </message>
    <message>
        <source>unknown placeholder “{name}” (see “Insert placeholder”)</source>
        <translation>unbekannter Platzhalter „{name}“ (siehe „Platzhalter einfügen“)</translation>
    </message>
    <message>
        <source>the braces do not match: {detail}</source>
        <translation>die Klammern passen nicht zusammen: {detail}</translation>
    </message>
    <message>
        <source>contains the control character {detail}, which cannot be sent; remove it (it often comes with copied text)</source>
        <translation>enthält das Steuerzeichen {detail}, das nicht gesendet werden kann; bitte entfernen (es kommt oft mit kopiertem Text)</translation>
    </message>
    <message>
        <source>too long: at most {detail} characters</source>
        <translation>zu lang: höchstens {detail} Zeichen</translation>
    </message>
    <message>
        <source>only placeholders and if-conditions are allowed here ({detail})</source>
        <translation>hier sind nur Platzhalter und Wenn-Bedingungen erlaubt ({detail})</translation>
    </message>
    <message>
        <source>enter the salon&apos;s phone number in the settings (tab “Salon”)</source>
        <translation>die Telefonnummer des Salons in den Einstellungen eintragen (Reiter „Salon“)</translation>
    </message>
    <message>
        <source>enter the salon&apos;s address in the settings (tab “Salon”)</source>
        <translation>die Adresse des Salons in den Einstellungen eintragen (Reiter „Salon“)</translation>
    </message>
    <message>
        <source>enter the link to the review page under “Automations”</source>
        <translation>den Link zur Bewertungsseite unter „Automatisierungen“ eintragen</translation>
    </message>
    <message>
        <source>write it inside {{% if {name} %}} … {{% endif %}}</source>
        <translation>ihn in {{% if {name} %}} … {{% endif %}} setzen</translation>
    </message>
    <message>
        <source>“{name}” would be empty (recipients: {count}): {hint}.</source>
        <translation>„{name}“ wäre leer (Empfänger: {count}): {hint}.</translation>
    </message>
    <message>
        <source>Email subject</source>
        <translation>E-Mail-Betreff</translation>
    </message>
    <message>
        <source>Email text</source>
        <translation>E-Mail-Text</translation>
    </message>
    <message>
        <source>SMS text</source>
        <translation>SMS-Text</translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>Akt&amp;ualisieren</translation>
    </message>
    <message>
        <source>No campaigns yet.</source>
        <translation>Noch keine Kampagnen.</translation>
    </message>
    <message>
        <source>Compose your first one: choose whom to write to and what, check the preview, then send it now or plan it for later. Its results appear here.</source>
        <translation>Erstellen Sie Ihre erste: wählen Sie, wem Sie was schreiben, prüfen Sie die Vorschau und senden Sie sie sofort oder geplant. Ihre Ergebnisse erscheinen hier.</translation>
    </message>
    <message>
        <source>&amp;Write a campaign</source>
        <translation>Kampagne &amp;schreiben</translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n Kampagne</numerusform>
            <numerusform>%n Kampagnen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CandidateDialog</name>
    <message>
        <source>Who is it?</source>
        <translation>Wer ist es?</translation>
    </message>
    <message>
        <source>The request came from {name} ({contact}). More than one customer has this email address or phone number. Book it for:</source>
        <translation>Die Anfrage kam von {name} ({contact}). Mehrere Kundinnen oder Kunden haben diese E-Mail-Adresse oder Telefonnummer. Buchen für:</translation>
    </message>
    <message>
        <source>{name} (customer no. {number})
{contact}</source>
        <translation>{name} (Kundennr. {number})
{contact}</translation>
    </message>
    <message>
        <source>A new customer with the request&apos;s details</source>
        <translation>Neue Kundin / neuer Kunde mit den Angaben aus der Anfrage</translation>
    </message>
    <message>
        <source>&amp;Book</source>
        <translation>&amp;Buchen</translation>
    </message>
</context>
<context>
    <name>ChannelWords</name>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
</context>
<context>
    <name>ChartBase</name>
    <message>
        <source>No data yet</source>
        <translation>Noch keine Daten</translation>
    </message>
</context>
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
    <message>
        <source>Line {line}: {problem}</source>
        <translation>Zeile {line}: {problem}</translation>
    </message>
    <message>
        <source>%n customer(s) exported.</source>
        <translation>%n Kunde exportiert.</translation>
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
        <source>Objection recorded: no more advertising; booking messages only where they are switched on again.</source>
        <translation>Widerspruch erfasst: keine Werbung mehr; Terminnachrichten nur noch, wo sie wieder eingeschaltet werden.</translation>
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
        <source>{name} works the opening hours.</source>
        <translation>{name} arbeitet zu den Öffnungszeiten.</translation>
    </message>
    <message>
        <source>No closed days.</source>
        <translation>Keine Schließtage.</translation>
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
        <source>The token is not stored: keep DESK_APP_GATEWAY_TOKEN set on this computer.</source>
        <translation>Das Token wird nicht gespeichert: DESK_APP_GATEWAY_TOKEN auf diesem Computer gesetzt lassen.</translation>
    </message>
    <message>
        <source>Synced: {events} events applied, {accepted} messages handed over, {rejected} refused, {queued} still queued.</source>
        <translation>Abgeglichen: {events} Ereignisse übernommen, {accepted} Nachrichten übergeben, {rejected} abgelehnt, {queued} warten noch.</translation>
    </message>
    <message>
        <source>{name}: off</source>
        <translation>{name}: ausgeschaltet</translation>
    </message>
    <message>
        <source>{name}: {queued} queued, {already} already queued before</source>
        <translation>{name}: {queued} eingereiht, {already} schon früher eingereiht</translation>
    </message>
    <message>
        <source>Retention period: off</source>
        <translation>Aufbewahrungsfrist: aus</translation>
    </message>
    <message>
        <source>Retention period: done today already</source>
        <translation>Aufbewahrungsfrist: heute schon erledigt</translation>
    </message>
    <message>
        <source>Retention period: {count} anonymised</source>
        <translation>Aufbewahrungsfrist: {count} anonymisiert</translation>
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
        <source>Database restored from {file}. The state before is kept in {safety}.</source>
        <translation>Datenbank aus {file} wiederhergestellt. Der Stand davor liegt in {safety}.</translation>
    </message>
    <message>
        <source>Warning: no good backup in {folder} for {days} days.</source>
        <translation>Warnung: seit {days} Tagen keine gültige Sicherung in {folder}.</translation>
    </message>
    <message>
        <source>Campaign {id} queued for {n} recipients ({excluded} excluded).</source>
        <translation>Kampagne {id} für {n} Empfänger eingereiht ({excluded} ausgeschlossen).</translation>
    </message>
    <message>
        <source>{n} recipients ({email} by email, {sms} by SMS), {excluded} excluded.</source>
        <translation>{n} Empfänger ({email} per E-Mail, {sms} per SMS), {excluded} ausgeschlossen.</translation>
    </message>
    <message>
        <source>Data of customer {id} written to {file}.</source>
        <translation>Daten von Kunde {id} in {file} geschrieben.</translation>
    </message>
    <message>
        <source>Customer {id} erased.</source>
        <translation>Kunde {id} gelöscht.</translation>
    </message>
    <message>
        <source>The gateway could not be told yet: run this command again later to erase the customer there too.</source>
        <translation>Das Gateway konnte noch nicht benachrichtigt werden: Diesen Befehl später erneut ausführen, damit der Kunde auch dort gelöscht wird.</translation>
    </message>
    <message>
        <source>No online requests waiting.</source>
        <translation>Keine Online-Anfragen offen.</translation>
    </message>
    <message>
        <source>No booking page yet: set gateway_url and public_name (desk-app settings set public_name my-salon).</source>
        <translation>Noch keine Buchungsseite: gateway_url und public_name setzen (desk-app settings set public_name mein-salon).</translation>
    </message>
    <message>
        <source>PIN for {name}: </source>
        <translation>PIN für {name}: </translation>
    </message>
    <message>
        <source>Token {id} acts as {name} until {until}; it is shown only this once.</source>
        <translation>Token {id} handelt als {name} bis {until}; er wird nur dieses eine Mal angezeigt.</translation>
    </message>
    <message>
        <source>Written to {file}.</source>
        <translation>In {file} geschrieben.</translation>
    </message>
    <message>
        <source>Token {id} of {name} is revoked.</source>
        <translation>Token {id} von {name} ist widerrufen.</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Retention period ({state}), customers without an appointment for {years} years (none since {cutoff}): {count}</source>
        <translation>Aufbewahrungsfrist ({state}), Kunden ohne Termin seit {years} Jahren (keiner seit {cutoff}): {count}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>{id}	{name}	last appointment: {last}</source>
        <translation>{id}	{name}	letzter Termin: {last}</translation>
    </message>
    <message>
        <source>Customers anonymised (no appointment for {years} years): {count}</source>
        <translation>Anonymisierte Kunden (kein Termin seit {years} Jahren): {count}</translation>
    </message>
    <message>
        <source>More are due: run this command again.</source>
        <translation>Es sind noch weitere fällig: bitte den Befehl noch einmal ausführen.</translation>
    </message>
    <message>
        <source>Erasures the gateway could not be told about yet (the next sync tells it): {count}</source>
        <translation>Löschungen, die dem Gateway noch nicht gemeldet werden konnten (der nächste Abgleich meldet sie): {count}</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>jederzeit</translation>
    </message>
    <message>
        <source>Nobody is waiting.</source>
        <translation>Niemand wartet.</translation>
    </message>
    <message>
        <source>No freed time fits.</source>
        <translation>Keine frei gewordene Zeit passt.</translation>
    </message>
    <message>
        <source>Booked: appointment #{id}.</source>
        <translation>Gebucht: Termin #{id}.</translation>
    </message>
</context>
<context>
    <name>ClosuresTab</name>
    <message>
        <source>— not chosen —</source>
        <translation>— nicht gewählt —</translation>
    </message>
    <message>
        <source>Add &amp;public holidays</source>
        <translation>&amp;Feiertage eintragen</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>&amp;Open again</source>
        <translation>Wieder &amp;öffnen</translation>
    </message>
    <message>
        <source>Remove the selected closed day: the salon opens</source>
        <translation>Den gewählten Schließtag entfernen: der Salon hat geöffnet</translation>
    </message>
    <message>
        <source>e.g. Company holiday</source>
        <translation>z. B. Betriebsferien</translation>
    </message>
    <message>
        <source>Add closed &amp;days</source>
        <translation>Schließ&amp;tage eintragen</translation>
    </message>
    <message>
        <source>&amp;Federal state:</source>
        <translation>&amp;Bundesland:</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Jahr:</translation>
    </message>
    <message>
        <source>Choosing the state fills in its public holidays of this year and the next. Remove a day the salon opens on; holidays of single towns you add yourself.</source>
        <translation>Mit dem Bundesland werden seine gesetzlichen Feiertage dieses und des nächsten Jahres eingetragen. Entfernen Sie einen Tag, an dem der Salon öffnet; Feiertage einzelner Orte tragen Sie selbst ein.</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>U&amp;ntil:</source>
        <translation>Bi&amp;s:</translation>
    </message>
    <message>
        <source>Changes on this page are saved at once.</source>
        <translation>Änderungen auf dieser Seite werden sofort gespeichert.</translation>
    </message>
    <message>
        <source>Please choose the salon&apos;s federal state first.</source>
        <translation>Bitte wählen Sie zuerst das Bundesland des Salons.</translation>
    </message>
    <message numerus="yes">
        <source>%n public holiday(s) added.</source>
        <translation>
            <numerusform>%n Feiertag eingetragen.</numerusform>
            <numerusform>%n Feiertage eingetragen.</numerusform>
        </translation>
    </message>
    <message>
        <source>No public holidays added: those days are closed already.</source>
        <translation>Keine Feiertage eingetragen: Diese Tage sind schon geschlossen.</translation>
    </message>
    <message>
        <source>The salon is closed on these days.</source>
        <translation>Der Salon ist an diesen Tagen geschlossen.</translation>
    </message>
    <message>
        <source>The salon is open again on that day.</source>
        <translation>Der Salon hat an diesem Tag wieder geöffnet.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Consent to advertising</source>
        <translation>Einwilligung in Werbung</translation>
    </message>
    <message>
        <source>Ask {name} whether they want advertising from the salon, and by which channel. Then read the text below to them word for word.</source>
        <translation>Fragen Sie {name}, ob und auf welchem Weg Werbung vom Salon gewünscht ist. Lesen Sie dann den Text unten wörtlich vor.</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <source>{channel} to {address}</source>
        <translation>{channel} an {address}</translation>
    </message>
    <message>
        <source>There is no email address or mobile number to ask for.</source>
        <translation>Es gibt keine E-Mail-Adresse und keine Mobilnummer, für die gefragt werden kann.</translation>
    </message>
    <message>
        <source>Read this to the customer</source>
        <translation>Dem Kunden vorlesen</translation>
    </message>
    <message>
        <source>Who asked:</source>
        <translation>Wer hat gefragt:</translation>
    </message>
    <message>
        <source>The customer agreed just now</source>
        <translation>Der Kunde hat soeben zugestimmt</translation>
    </message>
    <message>
        <source>A confirmation request goes to each chosen channel. Advertising is only sent after the customer confirms it there.</source>
        <translation>An jeden gewählten Kanal geht eine Bestätigungsanfrage. Werbung wird erst verschickt, nachdem der Kunde dort bestätigt hat.</translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation>Einwilligung erfassen</translation>
    </message>
    <message>
        <source>Choose the channels first; the text depends on them.</source>
        <translation>Wählen Sie zuerst die Kanäle; der Text hängt davon ab.</translation>
    </message>
    <message>
        <source>Loading the text…</source>
        <translation>Text wird geladen …</translation>
    </message>
    <message>
        <source>Version {version} · SHA-256 {digest}…</source>
        <translation>Version {version} · SHA-256 {digest} …</translation>
    </message>
</context>
<context>
    <name>ConsentEvidence</name>
    <message>
        <source>Consent to advertising – evidence</source>
        <translation>Einwilligung in Werbung – Nachweis</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Customer reference</source>
        <translation>Kundenkennung</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Declared for the address</source>
        <translation>Erklärt für die Adresse</translation>
    </message>
    <message>
        <source>Current address (a different one)</source>
        <translation>Aktuelle Adresse (eine andere)</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Erfasst von</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP-Adresse</translation>
    </message>
    <message>
        <source>Browser (user agent)</source>
        <translation>Browser (User-Agent)</translation>
    </message>
    <message>
        <source>Statement version</source>
        <translation>Version des Einwilligungstexts</translation>
    </message>
    <message>
        <source>SHA-256 of the statement</source>
        <translation>SHA-256 des Einwilligungstexts</translation>
    </message>
    <message>
        <source>The text below matches this SHA-256.</source>
        <translation>Der folgende Text stimmt mit diesem SHA-256 überein.</translation>
    </message>
    <message>
        <source>Warning: the stored text does not match this SHA-256.</source>
        <translation>Achtung: Der gespeicherte Text stimmt nicht mit diesem SHA-256 überein.</translation>
    </message>
    <message>
        <source>No entries.</source>
        <translation>Keine Einträge.</translation>
    </message>
    <message>
        <source>Unsubscribed from all advertising on {time}.</source>
        <translation>Am {time} von aller Werbung abgemeldet.</translation>
    </message>
    <message>
        <source>Withdrawals</source>
        <translation>Widerrufe</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Keine.</translation>
    </message>
    <message>
        <source>all channels</source>
        <translation>alle Kanäle</translation>
    </message>
    <message>
        <source>Complete history</source>
        <translation>Vollständiger Verlauf</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>How, who</source>
        <translation>Wie, wer</translation>
    </message>
    <message>
        <source>Created with Salon Desk from the consent ledger, which is never changed or deleted.</source>
        <translation>Erstellt mit Salon Desk aus dem Einwilligungsprotokoll, das nie geändert oder gelöscht wird.</translation>
    </message>
    <message>
        <source>Consent evidence – {name}</source>
        <translation>Einwilligungsnachweis – {name}</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <source>Advertising consent</source>
        <translation>Einwilligung in Werbung</translation>
    </message>
    <message>
        <source>Advertising by email/SMS</source>
        <translation>Werbung per E-Mail/SMS</translation>
    </message>
    <message>
        <source>Confirmation pending</source>
        <translation>Bestätigung ausstehend</translation>
    </message>
    <message>
        <source>Consent was declared; it counts once the customer clicks the link in the confirmation request.</source>
        <translation>Die Einwilligung wurde erklärt; sie gilt erst, wenn der Link in der Bestätigungsanfrage angeklickt wurde.</translation>
    </message>
    <message>
        <source>{channel}:</source>
        <translation>{channel}:</translation>
    </message>
    <message>
        <source>Ask for another channel…</source>
        <translation>Für weiteren Kanal fragen …</translation>
    </message>
    <message>
        <source>Evidence as PDF…</source>
        <translation>Nachweis als PDF …</translation>
    </message>
    <message>
        <source>Evidence as JSON…</source>
        <translation>Nachweis als JSON …</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Save the customer first; consent belongs to a saved customer.</source>
        <translation>Speichern Sie den Kunden zuerst; eine Einwilligung gehört zu einem gespeicherten Kunden.</translation>
    </message>
    <message>
        <source>Unsubscribed from all advertising on {time}. Only a new, confirmed consent lifts this.</source>
        <translation>Am {time} von aller Werbung abgemeldet. Nur eine neue, bestätigte Einwilligung hebt das auf.</translation>
    </message>
    <message>
        <source>No email address</source>
        <translation>Keine E-Mail-Adresse</translation>
    </message>
    <message>
        <source>No mobile number</source>
        <translation>Keine Mobilnummer</translation>
    </message>
    <message>
        <source>all channels</source>
        <translation>alle Kanäle</translation>
    </message>
    <message>
        <source>{event} ({channel})</source>
        <translation>{event} ({channel})</translation>
    </message>
    <message>
        <source>No entries yet.</source>
        <translation>Noch keine Einträge.</translation>
    </message>
    <message>
        <source>Undeliverable: no consent request can go to this address.</source>
        <translation>Unzustellbar: an diese Adresse kann keine Bestätigungsanfrage gehen.</translation>
    </message>
    <message>
        <source>On the suppression list: no consent request can go to this address.</source>
        <translation>Auf der Sperrliste: an diese Adresse kann keine Bestätigungsanfrage gehen.</translation>
    </message>
    <message>
        <source>Enter an email address or a mobile number first, and save.</source>
        <translation>Tragen Sie zuerst eine E-Mail-Adresse oder Mobilnummer ein und speichern Sie.</translation>
    </message>
    <message>
        <source>consent-{name}-{date}</source>
        <translation>einwilligung-{name}-{date}</translation>
    </message>
    <message>
        <source>Save consent evidence as PDF</source>
        <translation>Einwilligungsnachweis als PDF speichern</translation>
    </message>
    <message>
        <source>Save consent evidence as JSON</source>
        <translation>Einwilligungsnachweis als JSON speichern</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>Die Datei konnte nicht geschrieben werden: {reason}</translation>
    </message>
    <message>
        <source>Evidence saved: {path}</source>
        <translation>Nachweis gespeichert: {path}</translation>
    </message>
</context>
<context>
    <name>ConsentWords</name>
    <message>
        <source>by phone</source>
        <translation>telefonisch</translation>
    </message>
    <message>
        <source>in person</source>
        <translation>persönlich</translation>
    </message>
    <message>
        <source>in writing</source>
        <translation>schriftlich</translation>
    </message>
    <message>
        <source>online booking</source>
        <translation>Online-Buchung</translation>
    </message>
    <message>
        <source>link in a message</source>
        <translation>Link in einer Nachricht</translation>
    </message>
    <message>
        <source>SMS reply (STOP)</source>
        <translation>SMS-Antwort (STOPP)</translation>
    </message>
    <message>
        <source>Consent declared</source>
        <translation>Einwilligung erklärt</translation>
    </message>
    <message>
        <source>Confirmation request sent</source>
        <translation>Bestätigungsanfrage gesendet</translation>
    </message>
    <message>
        <source>Confirmation page opened</source>
        <translation>Bestätigungsseite geöffnet</translation>
    </message>
    <message>
        <source>Confirmed by the customer</source>
        <translation>Vom Kunden bestätigt</translation>
    </message>
    <message>
        <source>Request expired</source>
        <translation>Anfrage abgelaufen</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>Einwilligung widerrufen</translation>
    </message>
    <message>
        <source>Unsubscribed from all advertising</source>
        <translation>Von aller Werbung abgemeldet</translation>
    </message>
    <message>
        <source>Address changed: what was asked or confirmed for the old one ended</source>
        <translation>Adresse geändert: Anfrage bzw. Einwilligung für die alte Adresse beendet</translation>
    </message>
    <message>
        <source>The email address was changed on {time}: the consent confirmed for the old address has ended. The new address has not been confirmed, so no advertising goes to it until the customer confirms a new request.</source>
        <translation>Die E-Mail-Adresse wurde am {time} geändert: Die für die alte Adresse bestätigte Einwilligung ist beendet. Die neue Adresse ist nicht bestätigt; an sie geht keine Werbung, bis die Kundin oder der Kunde eine neue Anfrage bestätigt.</translation>
    </message>
    <message>
        <source>The mobile number was changed on {time}: the consent confirmed for the old number has ended. The new number has not been confirmed, so no advertising goes to it until the customer confirms a new request.</source>
        <translation>Die Mobilnummer wurde am {time} geändert: Die für die alte Nummer bestätigte Einwilligung ist beendet. Die neue Nummer ist nicht bestätigt; an sie geht keine Werbung, bis die Kundin oder der Kunde eine neue Anfrage bestätigt.</translation>
    </message>
    <message>
        <source>The email address was changed on {time}: the confirmation request sent to the old address is void. Ask again to send one to the new address.</source>
        <translation>Die E-Mail-Adresse wurde am {time} geändert: Die Bestätigungsanfrage an die alte Adresse ist ungültig. Bitte erneut fragen, damit eine Anfrage an die neue Adresse geht.</translation>
    </message>
    <message>
        <source>The mobile number was changed on {time}: the confirmation request sent to the old number is void. Ask again to send one to the new number.</source>
        <translation>Die Mobilnummer wurde am {time} geändert: Die Bestätigungsanfrage an die alte Nummer ist ungültig. Bitte erneut fragen, damit eine Anfrage an die neue Nummer geht.</translation>
    </message>
    <message>
        <source>Declared on {time}; the confirmation request waits in the outbox</source>
        <translation>Erklärt am {time}; die Bestätigungsanfrage wartet im Postausgang</translation>
    </message>
    <message>
        <source>Confirmation sent by email on {time}</source>
        <translation>Bestätigung per E-Mail gesendet am {time}</translation>
    </message>
    <message>
        <source>Confirmation sent by SMS on {time}</source>
        <translation>Bestätigung per SMS gesendet am {time}</translation>
    </message>
    <message>
        <source>; link opened on {time}</source>
        <translation>; Link geöffnet am {time}</translation>
    </message>
    <message>
        <source>Confirmed on {time} via link</source>
        <translation>bestätigt am {time} per Link</translation>
    </message>
    <message>
        <source>Not confirmed: the request expired on {time}</source>
        <translation>Nicht bestätigt: Anfrage abgelaufen am {time}</translation>
    </message>
    <message>
        <source>Unsubscribed on {time}</source>
        <translation>abgemeldet am {time}</translation>
    </message>
    <message>
        <source>Unsubscribed on {time} ({how})</source>
        <translation>abgemeldet am {time} ({how})</translation>
    </message>
    <message>
        <source>No consent</source>
        <translation>Keine Einwilligung</translation>
    </message>
    <message>
        <source>recorded by {staff}</source>
        <translation>erfasst von {staff}</translation>
    </message>
    <message>
        <source>IP {ip}</source>
        <translation>IP {ip}</translation>
    </message>
    <message>
        <source>message {id}</source>
        <translation>Nachricht {id}</translation>
    </message>
    <message>
        <source>statement {version}</source>
        <translation>Text {version}</translation>
    </message>
</context>
<context>
    <name>ContentPanel</name>
    <message>
        <source>e.g. Autumn treat for you, {{ first_name }}</source>
        <translation>z. B. Herbstzauber für Sie, {{ first_name }}</translation>
    </message>
    <message>
        <source>Hello {{ first_name }},

… (the unsubscribe link is added for you)</source>
        <translation>Hallo {{ first_name }},

… (der Abmelde-Link wird automatisch angefügt)</translation>
    </message>
    <message>
        <source>Hello {{ first_name }}, …</source>
        <translation>Hallo {{ first_name }}, …</translation>
    </message>
    <message>
        <source>Replace typographic characters</source>
        <translation>Typografische Zeichen ersetzen</translation>
    </message>
    <message>
        <source>Use plain quotes, hyphens and dots, so the SMS keeps 160 characters per part</source>
        <translation>Einfache Anführungszeichen, Bindestriche und Punkte verwenden, damit die SMS 160 Zeichen pro Teil behält</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;E-Mail</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>Insert placeholder</source>
        <translation>Platzhalter einfügen</translation>
    </message>
    <message>
        <source>Filled in for each customer when the message is made</source>
        <translation>Wird beim Erstellen der Nachricht für jeden Kunden ausgefüllt</translation>
    </message>
    <message>
        <source>Su&amp;bject:</source>
        <translation>Be&amp;treff:</translation>
    </message>
    <message>
        <source>&amp;SMS</source>
        <translation>S&amp;MS</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xt:</translation>
    </message>
    <message>
        <source>The unsubscribe link is added to every message.</source>
        <translation>Der Abmelde-Link wird jeder Nachricht angefügt.</translation>
    </message>
    <message>
        <source>SMS te&amp;xt:</source>
        <translation>SMS-Te&amp;xt:</translation>
    </message>
    <message>
        <source>{field}, line {line}: {problem}</source>
        <translation>{field}, Zeile {line}: {problem}</translation>
    </message>
    <message>
        <source>Service information must not advertise or ask for reviews. Please check: {words}. For an offer, choose the type “Promotion or offer”.</source>
        <translation>Serviceinformationen dürfen weder werben noch um Bewertungen bitten. Bitte prüfen: {words}. Für ein Angebot die Art „Aktion oder Angebot“ wählen.</translation>
    </message>
    <message>
        <source>Characters and parts are counted once the problems below are fixed.</source>
        <translation>Zeichen und Teile werden gezählt, sobald die Fehler unten behoben sind.</translation>
    </message>
    <message>
        <source>Characters and parts appear here once the SMS has recipients.</source>
        <translation>Zeichen und Teile erscheinen hier, sobald die SMS Empfänger hat.</translation>
    </message>
    <message numerus="yes">
        <source>For {name}: {units} characters, {encoding}, %n part(s)</source>
        <translation>
            <numerusform>Für {name}: {units} Zeichen, {encoding}, %n Teil</numerusform>
            <numerusform>Für {name}: {units} Zeichen, {encoding}, %n Teile</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n part(s) in total</source>
        <translation>
            <numerusform>Insgesamt %n Teil</numerusform>
            <numerusform>Insgesamt %n Teile</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Worst case: %n part(s) per SMS.</source>
        <translation>
            <numerusform>Schlimmstenfalls %n Teil pro SMS.</numerusform>
            <numerusform>Schlimmstenfalls %n Teile pro SMS.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{total} for %n recipient(s), about {price}.</source>
        <translation>
            <numerusform>{total} für %n Empfänger, ca. {price}.</numerusform>
            <numerusform>{total} für %n Empfänger, ca. {price}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n SMS need the UCS-2 encoding (70 instead of 160 characters per part).</source>
        <translation>
            <numerusform>%n SMS braucht die UCS-2-Kodierung (70 statt 160 Zeichen pro Teil).</numerusform>
            <numerusform>%n SMS brauchen die UCS-2-Kodierung (70 statt 160 Zeichen pro Teil).</numerusform>
        </translation>
    </message>
    <message>
        <source>No preview: {problem}</source>
        <translation>Keine Vorschau: {problem}</translation>
    </message>
    <message>
        <source>The preview appears once the problems below are fixed.</source>
        <translation>Die Vorschau erscheint, sobald die Fehler unten behoben sind.</translation>
    </message>
    <message>
        <source>The preview appears once the campaign has recipients.</source>
        <translation>Die Vorschau erscheint, sobald die Kampagne Empfänger hat.</translation>
    </message>
    <message>
        <source>How {name} gets it ({channel}). Click another recipient to see theirs.</source>
        <translation>So bekommt es {name} ({channel}). Für andere Empfänger links in der Liste anklicken.</translation>
    </message>
    <message>
        <source>[personal unsubscribe link]</source>
        <translation>[persönlicher Abmelde-Link]</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <source>{chars} force the UCS-2 encoding: only 70 instead of 160 characters per part.</source>
        <translation>{chars} erzwingen die UCS-2-Kodierung: nur 70 statt 160 Zeichen pro Teil.</translation>
    </message>
</context>
<context>
    <name>CustomerForm</name>
    <message>
        <source>e.g. 0151 12345678</source>
        <translation>z. B. 0151 12345678</translation>
    </message>
    <message>
        <source>e.g. anna@example.org</source>
        <translation>z. B. anna@example.org</translation>
    </message>
    <message>
        <source>No preference</source>
        <translation>Egal</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Told about the right to object</source>
        <translation>Auf Widerspruchsrecht hingewiesen</translation>
    </message>
    <message>
        <source>Tick when the customer was told, as the email address was collected, that they may object to offers by email at any time. Only then may the salon email them offers of similar services without consent.</source>
        <translation>Ankreuzen, wenn der Kunde bei der Erfassung der E-Mail-Adresse darauf hingewiesen wurde, dass er Angeboten per E-Mail jederzeit widersprechen kann. Nur dann darf der Salon ihm ohne Einwilligung Angebote ähnlicher Leistungen mailen.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <source>Allergies, wishes, what worked last time …</source>
        <translation>Allergien, Wünsche, was beim letzten Mal gut ankam …</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Besuche</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serien</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Warteliste</translation>
    </message>
    <message>
        <source>First name:</source>
        <translation>Vorname:</translation>
    </message>
    <message>
        <source>Last name:</source>
        <translation>Nachname:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Telefon:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Birthday:</source>
        <translation>Geburtstag:</translation>
    </message>
    <message>
        <source>Street:</source>
        <translation>Straße:</translation>
    </message>
    <message>
        <source>Postcode, city:</source>
        <translation>PLZ, Ort:</translation>
    </message>
    <message>
        <source>Messages by:</source>
        <translation>Nachrichten per:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Master data</source>
        <translation>Stammdaten</translation>
    </message>
    <message>
        <source>the new customer</source>
        <translation>den neuen Kunden</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Discard the unsaved changes to {name}?</source>
        <translation>Ungespeicherte Änderungen an {name} verwerfen?</translation>
    </message>
    <message numerus="yes">
        <source>Visits (%n upcoming)</source>
        <translation>
            <numerusform>Besuche (%n kommender)</numerusform>
            <numerusform>Besuche (%n kommende)</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the changed address first: consent is asked for saved addresses.</source>
        <translation>Speichern Sie zuerst die geänderte Adresse: Die Einwilligung wird für gespeicherte Adressen erfragt.</translation>
    </message>
    <message>
        <source>There is no address for this channel.</source>
        <translation>Für diesen Kanal ist keine Adresse eingetragen.</translation>
    </message>
    <message>
        <source>“{value}” is not a date like {example}.</source>
        <translation>„{value}“ ist kein Datum wie {example}.</translation>
    </message>
    <message>
        <source>Changed on another counter PC meanwhile: {fields}. Your entries are kept; Save replaces the other change, Discard changes shows it.</source>
        <translation>Inzwischen an einem anderen Thekenrechner geändert: {fields}. Ihre Eingaben bleiben stehen; „Speichern“ ersetzt die andere Änderung, „Änderungen verwerfen“ zeigt sie.</translation>
    </message>
    <message>
        <source>This customer no longer exists (erased on another counter PC).</source>
        <translation>Diese Kundendaten gibt es nicht mehr (an einem anderen Thekenrechner gelöscht).</translation>
    </message>
</context>
<context>
    <name>CustomerHeader</name>
    <message>
        <source>&amp;Book appointment</source>
        <translation>Termin &amp;buchen</translation>
    </message>
    <message>
        <source>Book an appointment for this customer ({keys})</source>
        <translation>Einen Termin für diese Kundin oder diesen Kunden buchen ({keys})</translation>
    </message>
    <message>
        <source>Advertising:</source>
        <translation>Werbung:</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>Letzter Besuch</translation>
    </message>
    <message>
        <source>Next appointment</source>
        <translation>Nächster Termin</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Besuche</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Noch nicht gespeichert</translation>
    </message>
    <message>
        <source>Customer since {date}</source>
        <translation>Kunde seit {date}</translation>
    </message>
    <message>
        <source>emails to this address bounced</source>
        <translation>E-Mails an diese Adresse kamen zurück</translation>
    </message>
    <message>
        <source>SMS to this number failed</source>
        <translation>SMS an diese Nummer sind fehlgeschlagen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>none booked</source>
        <translation>keiner gebucht</translation>
    </message>
    <message numerus="yes">
        <source>%n no-show(s)</source>
        <translation>
            <numerusform>%n-mal nicht erschienen</numerusform>
            <numerusform>%n-mal nicht erschienen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n late cancellation(s)</source>
        <translation>
            <numerusform>%n kurzfristige Absage</numerusform>
            <numerusform>%n kurzfristige Absagen</numerusform>
        </translation>
    </message>
    <message>
        <source>No missed appointments</source>
        <translation>Keine versäumten Termine</translation>
    </message>
    <message>
        <source>In the last 12 months</source>
        <translation>In den letzten 12 Monaten</translation>
    </message>
    <message>
        <source>{channel}: {state}</source>
        <translation>{channel}: {state}</translation>
    </message>
    <message>
        <source>unsubscribed</source>
        <translation>abgemeldet</translation>
    </message>
    <message>
        <source>consent given</source>
        <translation>eingewilligt</translation>
    </message>
    <message>
        <source>awaiting confirmation</source>
        <translation>Bestätigung ausstehend</translation>
    </message>
    <message>
        <source>no address</source>
        <translation>keine Adresse</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <source>not confirmed</source>
        <translation>nicht bestätigt</translation>
    </message>
    <message>
        <source>no consent</source>
        <translation>keine Einwilligung</translation>
    </message>
</context>
<context>
    <name>CustomerListModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>Part of a name or phone number</source>
        <translation>Teil eines Namens oder einer Telefonnummer</translation>
    </message>
    <message>
        <source>&amp;New customer</source>
        <translation>&amp;Neuer Kunde</translation>
    </message>
    <message>
        <source>No customer found. Create one with “New customer” (Alt+N).</source>
        <translation>Kein Kunde gefunden. Mit „Neuer Kunde“ (Alt+N) anlegen.</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>Use this customer</source>
        <translation>Diesen Kunden nehmen</translation>
    </message>
    <message>
        <source>Create customer</source>
        <translation>Kunden anlegen</translation>
    </message>
    <message>
        <source>Create anyway</source>
        <translation>Trotzdem anlegen</translation>
    </message>
    <message>
        <source>Back to search</source>
        <translation>Zurück zur Suche</translation>
    </message>
    <message>
        <source>First and last name:</source>
        <translation>Vor- und Nachname:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Telefon:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>No phone number or email address</source>
        <translation>Keine Telefonnummer und keine E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Already a customer with this phone number or email:</source>
        <translation>Es gibt schon einen Kunden mit dieser Telefonnummer oder E-Mail-Adresse:</translation>
    </message>
    <message>
        <source>Use {name}</source>
        <translation>{name} nehmen</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Search: name, phone or email</source>
        <translation>Suchen: Name, Telefon oder E-Mail</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>Export data…</source>
        <translation>Daten exportieren…</translation>
    </message>
    <message>
        <source>Erase customer…</source>
        <translation>Kunde löschen…</translation>
    </message>
    <message>
        <source>Data protection</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>No customer matches “{query}”.</source>
        <translation>Niemand passt zu „{query}“.</translation>
    </message>
    <message>
        <source>Check the spelling, or search by phone number or email. A new customer is created with “New customer”.</source>
        <translation>Prüfen Sie die Schreibweise oder suchen Sie nach Telefonnummer oder E-Mail. Mit „Neuer Kunde“ legen Sie eine neue Person an.</translation>
    </message>
    <message>
        <source>No customers yet.</source>
        <translation>Noch keine Kundschaft.</translation>
    </message>
    <message>
        <source>Add the first one with “New customer”, or book an appointment (Ctrl+N): the booking dialog creates the customer on the way.</source>
        <translation>Legen Sie die erste Person mit „Neuer Kunde“ an oder buchen Sie einen Termin (Strg+N): Der Buchungsdialog legt die Person dabei an.</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n Kunde</numerusform>
            <numerusform>%n Kunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
    <message>
        <source>{count}+ matches</source>
        <translation>{count}+ Treffer</translation>
    </message>
    <message>
        <source>&amp;Waitlist…</source>
        <translation>&amp;Warteliste…</translation>
    </message>
    <message>
        <source>Put this customer on the waitlist</source>
        <translation>Diese Kundin oder diesen Kunden auf die Warteliste setzen</translation>
    </message>
    <message>
        <source>Export data of {name}</source>
        <translation>Daten von {name} exportieren</translation>
    </message>
    <message>
        <source>customer-{number}.json</source>
        <translation>kunde-{number}.json</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Data of {name} saved: {file}</source>
        <translation>Daten von {name} gespeichert: {file}</translation>
    </message>
    <message>
        <source>Could not save {file}: {reason}</source>
        <translation>{file} konnte nicht gespeichert werden: {reason}</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message numerus="yes">
        <source>Last %n week(s)</source>
        <translation>
            <numerusform>Letzte Woche</numerusform>
            <numerusform>Letzte %n Wochen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Akt&amp;ualisieren</translation>
    </message>
    <message>
        <source>Consent: declared → confirmed</source>
        <translation>Einwilligung: erteilt → bestätigt</translation>
    </message>
    <message>
        <source>Consent recorded in the period, and how much of it was confirmed.</source>
        <translation>Im Zeitraum erfasste Einwilligungen und wie viele davon bestätigt wurden.</translation>
    </message>
    <message>
        <source>Messages sent per week</source>
        <translation>Gesendete Nachrichten pro Woche</translation>
    </message>
    <message>
        <source>Handed to the gateway, by kind; waiting and failed ones do not count.</source>
        <translation>An das Gateway übergeben, nach Art; wartende und fehlgeschlagene zählen nicht.</translation>
    </message>
    <message>
        <source>Unsubscribes per week</source>
        <translation>Abmeldungen pro Woche</translation>
    </message>
    <message>
        <source>“Unsubscribe” clicked, or consent for email or SMS withdrawn.</source>
        <translation>„Abmelden“ geklickt oder Einwilligung für E-Mail bzw. SMS widerrufen.</translation>
    </message>
    <message>
        <source>New bookings per week</source>
        <translation>Neue Buchungen pro Woche</translation>
    </message>
    <message>
        <source>By the day they were booked, not the appointment day; no cancelled ones.</source>
        <translation>Nach Buchungstag, nicht nach Termintag; ohne stornierte Termine.</translation>
    </message>
    <message>
        <source>No-shows and late cancellations per month</source>
        <translation>Nichterscheinen und kurzfristige Absagen pro Monat</translation>
    </message>
    <message>
        <source>By the month of the appointment, the last 12 months; marked by staff, late as decided when it was cancelled.</source>
        <translation>Nach dem Monat des Termins, die letzten 12 Monate; vom Team markiert, kurzfristig wie bei der Absage entschieden.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>As of {time}</source>
        <translation>Stand {time} Uhr</translation>
    </message>
    <message>
        <source>{source} · {channel}</source>
        <translation>{source} · {channel}</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>Erteilt</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>All together</source>
        <translation>Zusammen</translation>
    </message>
    <message>
        <source>Unsubscribed from all advertising</source>
        <translation>Von aller Werbung abgemeldet</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>Einwilligung widerrufen</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>Nicht erschienen</translation>
    </message>
    <message>
        <source>Late cancellations</source>
        <translation>Kurzfristige Absagen</translation>
    </message>
    <message>
        <source>Wk {number}</source>
        <translation>KW {number}</translation>
    </message>
    <message>
        <source>Week {number}: {first} – {last}</source>
        <translation>KW {number}: {first} – {last}</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>Persönlich</translation>
    </message>
    <message>
        <source>In writing</source>
        <translation>Schriftlich</translation>
    </message>
    <message>
        <source>Online booking</source>
        <translation>Online-Buchung</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>SMS reply</source>
        <translation>SMS-Antwort</translation>
    </message>
    <message>
        <source>Appointment messages</source>
        <translation>Terminnachrichten</translation>
    </message>
    <message>
        <source>Consent requests</source>
        <translation>Einwilligungsanfragen</translation>
    </message>
    <message>
        <source>Salon news</source>
        <translation>Salon-Neuigkeiten</translation>
    </message>
    <message>
        <source>Offers for customers</source>
        <translation>Angebote für Kunden</translation>
    </message>
    <message>
        <source>Advertising</source>
        <translation>Werbung</translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation>Am Empfang</translation>
    </message>
    <message>
        <source>By phone</source>
        <translation>Telefonisch</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
</context>
<context>
    <name>DayListPrint</name>
    <message>
        <source>booked</source>
        <translation>gebucht</translation>
    </message>
    <message>
        <source>arrived</source>
        <translation>erschienen</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>no-show</source>
        <translation>nicht erschienen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>processing {start}–{end}</source>
        <translation>Einwirkzeit {start}–{end}</translation>
    </message>
    <message>
        <source>{staff} – {date}</source>
        <translation>{staff} – {date}</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Abwesend</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>No appointments.</source>
        <translation>Keine Termine.</translation>
    </message>
    <message>
        <source>The salon is closed: {note}</source>
        <translation>Der Salon ist geschlossen: {note}</translation>
    </message>
    <message>
        <source>The salon is closed this day.</source>
        <translation>Der Salon ist an diesem Tag geschlossen.</translation>
    </message>
    <message>
        <source>Save day list as PDF</source>
        <translation>Tagesliste als PDF speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message numerus="yes">
        <source>%n appointment(s)</source>
        <translation>
            <numerusform>%n Termin</numerusform>
            <numerusform>%n Termine</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoNotice</name>
    <message>
        <source>mailbox</source>
        <translation>Postfach</translation>
    </message>
    <message>
        <source>Demo: a made-up salon; messages never leave this computer.</source>
        <translation>Demo: ein ausgedachter Salon; Nachrichten verlassen diesen Computer nie.</translation>
    </message>
    <message>
        <source>Mailbox: {url}</source>
        <translation>Postfach: {url}</translation>
    </message>
    <message>
        <source>booking page</source>
        <translation>Buchungsseite</translation>
    </message>
    <message>
        <source>Online booking page: {url}</source>
        <translation>Online-Buchungsseite: {url}</translation>
    </message>
    <message>
        <source>data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Demo data: {place}</source>
        <translation>Demo-Daten: {place}</translation>
    </message>
    <message>
        <source>&lt;b&gt;DEMO&lt;/b&gt;: {links}</source>
        <translation>&lt;b&gt;DEMO&lt;/b&gt;: {links}</translation>
    </message>
    <message>
        <source>Salon Desk – {salon} (DEMO)</source>
        <translation>Salon Desk – {salon} (DEMO)</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Customers book on your website. A booking that fits goes straight into the calendar, marked “Online”, and its confirmation is sent. A request lands here when it needs you: the time was taken meanwhile, more than one customer has the same email address or phone number, or the service can no longer be booked online. Enter books the selected request, Del refuses it.</source>
        <translation>Ihre Kundschaft bucht auf Ihrer Website. Eine Buchung, die passt, kommt direkt in den Kalender, markiert mit „Online“, und die Bestätigung wird verschickt. Hier landet eine Anfrage, wenn sie Sie braucht: Die Zeit war inzwischen vergeben, mehrere Kundinnen oder Kunden haben dieselbe E-Mail-Adresse oder Telefonnummer, oder die Leistung ist nicht mehr online buchbar. Eingabe bucht die gewählte Anfrage, Entf lehnt sie ab.</translation>
    </message>
    <message>
        <source>Online booking is switched off. Switch it on in the settings, tab “Online booking” (Ctrl+,): choose the public name of your booking page there and put the link it shows on your website.</source>
        <translation>Die Online-Buchung ist ausgeschaltet. Schalten Sie sie in den Einstellungen ein, Reiter „Online-Buchung“ (Strg+,): Wählen Sie dort den öffentlichen Namen Ihrer Buchungsseite und setzen Sie den angezeigten Link auf Ihre Website.</translation>
    </message>
    <message>
        <source>Open the &amp;settings</source>
        <translation>Ein&amp;stellungen öffnen</translation>
    </message>
    <message>
        <source>No online requests yet.</source>
        <translation>Noch keine Online-Anfragen.</translation>
    </message>
    <message>
        <source>No online request waits for you.</source>
        <translation>Keine Online-Anfrage wartet auf Sie.</translation>
    </message>
    <message>
        <source>{action} ({keys})</source>
        <translation>{action} ({keys})</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <source>Erase customer</source>
        <translation>Kunde löschen</translation>
    </message>
    <message>
        <source>Erase all data of {name}?</source>
        <translation>Alle Daten von {name} löschen?</translation>
    </message>
    <message>
        <source>&lt;p&gt;The customer asked for their data to be erased. This cannot be undone.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Deleted: the profile (name, phone, email, address, birthday, notes), all appointments and the texts of all messages.&lt;/li&gt;&lt;li&gt;Kept: the proof of consent and its withdrawal – the law requires the salon to be able to show it.&lt;/li&gt;&lt;li&gt;The email address and phone number are blocked: they cannot be entered again, not even for a new customer.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;Der Kunde hat verlangt, dass seine Daten gelöscht werden. Das lässt sich nicht rückgängig machen.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Gelöscht werden: das Kundenprofil (Name, Telefon, E-Mail, Adresse, Geburtstag, Notizen), alle Termine und die Texte aller Nachrichten.&lt;/li&gt;&lt;li&gt;Erhalten bleibt: der Nachweis der Einwilligung und ihres Widerrufs – den muss der Salon gesetzlich vorlegen können.&lt;/li&gt;&lt;li&gt;E-Mail-Adresse und Telefonnummer werden gesperrt: Sie können nicht wieder eingetragen werden, auch nicht bei einem neuen Kunden.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>– choose –</source>
        <translation>– auswählen –</translation>
    </message>
    <message>
        <source>Erased by:</source>
        <translation>Gelöscht von:</translation>
    </message>
    <message>
        <source>Type the last name “{name}” to confirm:</source>
        <translation>Zur Bestätigung den Nachnamen „{name}“ eingeben:</translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation>Endgültig löschen</translation>
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
        <source>processing time</source>
        <translation>Einwirkzeit</translation>
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
        <source>template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>email text</source>
        <translation>E-Mail-Text</translation>
    </message>
    <message>
        <source>SMS text</source>
        <translation>SMS-Text</translation>
    </message>
    <message>
        <source>send time</source>
        <translation>Sendezeitpunkt</translation>
    </message>
    <message>
        <source>frequency cap</source>
        <translation>Höchstzahl an Werbenachrichten</translation>
    </message>
    <message>
        <source>price per SMS</source>
        <translation>Preis pro SMS</translation>
    </message>
    <message>
        <source>owner&apos;s email address</source>
        <translation>E-Mail-Adresse der Inhaberin</translation>
    </message>
    <message>
        <source>owner&apos;s mobile number</source>
        <translation>Handynummer der Inhaberin</translation>
    </message>
    <message>
        <source>review page link</source>
        <translation>Link zur Bewertungsseite</translation>
    </message>
    <message>
        <source>start of sending hours</source>
        <translation>Beginn der Sendezeit</translation>
    </message>
    <message>
        <source>end of sending hours</source>
        <translation>Ende der Sendezeit</translation>
    </message>
    <message>
        <source>street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>postal code</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>town</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>message text</source>
        <translation>Nachrichtentext</translation>
    </message>
    <message>
        <source>salon name</source>
        <translation>Name des Salons</translation>
    </message>
    <message>
        <source>salon&apos;s phone number</source>
        <translation>Telefonnummer des Salons</translation>
    </message>
    <message>
        <source>salon&apos;s address</source>
        <translation>Adresse des Salons</translation>
    </message>
    <message>
        <source>backup folder</source>
        <translation>Ordner für Sicherungen</translation>
    </message>
    <message>
        <source>sender name</source>
        <translation>Absendername</translation>
    </message>
    <message>
        <source>time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>booking confirmation switch</source>
        <translation>Schalter Terminbestätigung</translation>
    </message>
    <message>
        <source>reminder switch</source>
        <translation>Schalter Terminerinnerung</translation>
    </message>
    <message>
        <source>hours before a reminder</source>
        <translation>Stunden vor einer Erinnerung</translation>
    </message>
    <message>
        <source>birthday greeting switch</source>
        <translation>Schalter Geburtstagsgruß</translation>
    </message>
    <message>
        <source>review request switch</source>
        <translation>Schalter Bewertungsbitte</translation>
    </message>
    <message>
        <source>hours before a review request</source>
        <translation>Stunden bis zur Bewertungsbitte</translation>
    </message>
    <message>
        <source>win-back switch</source>
        <translation>Schalter Rückgewinnung</translation>
    </message>
    <message>
        <source>days before a win-back</source>
        <translation>Tage bis zur Rückgewinnung</translation>
    </message>
    <message>
        <source>online booking switch</source>
        <translation>Schalter Online-Buchung</translation>
    </message>
    <message>
        <source>name in the booking link</source>
        <translation>Name im Buchungslink</translation>
    </message>
    <message>
        <source>booking horizon in weeks</source>
        <translation>Buchungszeitraum in Wochen</translation>
    </message>
    <message>
        <source>minutes before an online booking closes</source>
        <translation>Minuten Vorlauf für Online-Buchungen</translation>
    </message>
    <message>
        <source>hours before online cancelling closes</source>
        <translation>Stunden, bis zu denen online abgesagt werden kann</translation>
    </message>
    <message>
        <source>minutes between start times</source>
        <translation>Minuten zwischen Startzeiten</translation>
    </message>
    <message>
        <source>privacy notice link</source>
        <translation>Link zur Datenschutzerklärung</translation>
    </message>
    <message>
        <source>colour of the booking page</source>
        <translation>Farbe der Buchungsseite</translation>
    </message>
    <message>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>closing days</source>
        <translation>Schließtage</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>number of days</source>
        <translation>Anzahl der Tage</translation>
    </message>
    <message>
        <source>token file</source>
        <translation>Token-Datei</translation>
    </message>
    <message>
        <source>personal sign-in switch</source>
        <translation>Schalter für persönliche Anmeldung</translation>
    </message>
    <message>
        <source>wrong PINs before a lockout</source>
        <translation>Fehlversuche bis zur Sperre</translation>
    </message>
    <message>
        <source>minutes of a PIN lockout</source>
        <translation>Minuten der PIN-Sperre</translation>
    </message>
    <message>
        <source>idle minutes before the window locks</source>
        <translation>Minuten ohne Eingabe bis zur Sperre des Fensters</translation>
    </message>
    <message>
        <source>retention period switch</source>
        <translation>Schalter der Aufbewahrungsfrist</translation>
    </message>
    <message>
        <source>years without an appointment before anonymising</source>
        <translation>Jahre ohne Termin bis zur Anonymisierung</translation>
    </message>
    <message>
        <source>hours before an appointment a cancellation counts as late</source>
        <translation>Stunden vor dem Termin, ab denen eine Absage als kurzfristig zählt</translation>
    </message>
    <message>
        <source>federal state</source>
        <translation>Bundesland</translation>
    </message>
    <message>
        <source>year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>The {field} is required.</source>
        <translation>Bitte {field} angeben.</translation>
    </message>
    <message>
        <source>The appointment cannot end during or before its processing time: {value} minutes are too short.</source>
        <translation>Der Termin kann nicht während oder vor seiner Einwirkzeit enden: {value} Minuten sind zu kurz.</translation>
    </message>
    <message>
        <source>The salon was set up meanwhile at another counter PC; nothing of this assistant was saved. Restart Salon Desk to use that set-up.</source>
        <translation>Der Salon wurde inzwischen an einem anderen Thekenrechner eingerichtet; von diesem Assistenten wurde nichts gespeichert. Starten Sie Salon Desk neu, um diese Einrichtung zu nutzen.</translation>
    </message>
    <message>
        <source>Advertising emails must carry the salon&apos;s imprint (name, postal address, phone). Enter the salon&apos;s postal address under Settings ▸ Salon first.</source>
        <translation>Werbe-E-Mails müssen das Impressum des Salons tragen (Name, Anschrift, Telefon). Tragen Sie zuerst die Anschrift des Salons unter Einstellungen ▸ Salon ein.</translation>
    </message>
    <message>
        <source>The {field} is too long: at most {value} characters.</source>
        <translation>{field}: Der Text ist zu lang (höchstens {value} Zeichen).</translation>
    </message>
    <message>
        <source>“{value}” is not a web address like https://gateway.example.org.</source>
        <translation>„{value}“ ist keine Webadresse wie https://gateway.example.org.</translation>
    </message>
    <message>
        <source>The {field} is “on” or “off”, not “{value}”.</source>
        <translation>{field}: „on“ oder „off“, nicht „{value}“.</translation>
    </message>
    <message>
        <source>“{value}” is not a time like 08:00.</source>
        <translation>„{value}“ ist keine Uhrzeit wie 08:00.</translation>
    </message>
    <message>
        <source>The sending hours must begin before they end ({value}).</source>
        <translation>Die Sendezeit muss beginnen, bevor sie endet ({value}).</translation>
    </message>
    <message>
        <source>The placeholder “{value}” would be empty in some messages. Fill it in (e.g. the salon&apos;s phone number or review link in the settings) or use {{% if {value} %}}…{{% endif %}}.</source>
        <translation>Der Platzhalter „{value}“ wäre in manchen Nachrichten leer. Bitte ausfüllen (z. B. Telefonnummer des Salons oder Link zur Bewertungsseite in den Einstellungen) oder {{% if {value} %}}…{{% endif %}} verwenden.</translation>
    </message>
    <message>
        <source>Service information must not advertise or ask for reviews: {value}. For an offer, choose the type “promotion”.</source>
        <translation>Serviceinformationen dürfen weder werben noch um Bewertungen bitten: {value}. Für ein Angebot die Art „promotion“ (Aktion oder Angebot) wählen.</translation>
    </message>
    <message>
        <source>The {field} can only be given with --preview.</source>
        <translation>Die Angabe „{field}“ geht nur zusammen mit --preview.</translation>
    </message>
    <message>
        <source>The retention period is switched off: switch it on in the settings (tab “Data protection”) or with “desk-app settings set retention_anonymise on”.</source>
        <translation>Die Aufbewahrungsfrist ist ausgeschaltet: Schalten Sie sie in den Einstellungen ein (Reiter „Datenschutz“) oder mit „desk-app settings set retention_anonymise on“.</translation>
    </message>
    <message>
        <source>The gateway address must start with https:// (“{value}”); plain http:// only to this computer (localhost, 127.0.0.1, [::1]).</source>
        <translation>Die Gateway-Adresse muss mit https:// beginnen („{value}“); einfaches http:// nur zu diesem Computer (localhost, 127.0.0.1, [::1]).</translation>
    </message>
    <message>
        <source>“{value}” cannot be the name in the booking link: use 3 to 40 lower-case letters a-z, digits and hyphens, not starting or ending with a hyphen (example: haarwerk-mueller).</source>
        <translation>„{value}“ kann nicht der Name im Buchungslink sein: 3 bis 40 Kleinbuchstaben a-z, Ziffern und Bindestriche, nicht mit einem Bindestrich am Anfang oder Ende (Beispiel: haarwerk-mueller).</translation>
    </message>
    <message>
        <source>This online request has been decided already ({value}).</source>
        <translation>Diese Online-Anfrage ist bereits entschieden ({value}).</translation>
    </message>
    <message>
        <source>The last day must not be before the first day ({value}).</source>
        <translation>Der letzte Tag darf nicht vor dem ersten liegen ({value}).</translation>
    </message>
    <message>
        <source>“{value}” is not a colour like #2d6a4f.</source>
        <translation>„{value}“ ist keine Farbe wie #2d6a4f.</translation>
    </message>
    <message>
        <source>A name has no digits: check the {field} “{value}”.</source>
        <translation>Namen enthalten keine Ziffern – bitte prüfen: {field} „{value}“.</translation>
    </message>
    <message>
        <source>A PIN has 4 to 8 digits.</source>
        <translation>Eine PIN hat 4 bis 8 Ziffern.</translation>
    </message>
    <message>
        <source>The token file “{value}” can be read by others: make it readable by its owner only (chmod 600).</source>
        <translation>Die Token-Datei „{value}“ ist für andere lesbar: Machen Sie sie nur für ihre Eigentümerin oder ihren Eigentümer lesbar (chmod 600).</translation>
    </message>
    <message>
        <source>Sign in either with --as NAME or with a token, not both.</source>
        <translation>Melden Sie sich entweder mit --as NAME oder mit einem Token an, nicht mit beidem.</translation>
    </message>
    <message>
        <source>{value} has no PIN yet: the owner sets one in the staff settings.</source>
        <translation>{value} hat noch keine PIN: Die Inhaberin oder der Inhaber legt sie bei den Mitarbeitern fest.</translation>
    </message>
    <message>
        <source>Another active member already has this PIN: choose a different one (the PIN alone says who signs in).</source>
        <translation>Ein anderes aktives Teammitglied hat bereits diese PIN: Wählen Sie eine andere (die PIN allein sagt, wer sich anmeldet).</translation>
    </message>
    <message>
        <source>This PIN belongs to more than one member: pick your name first.</source>
        <translation>Diese PIN gehört mehr als einem Teammitglied: Wählen Sie zuerst Ihren Namen.</translation>
    </message>
    <message>
        <source>Personal sign-in cannot be switched on while no owner has a PIN: nobody could sign in to change the settings again. Give an owner a PIN first.</source>
        <translation>Die persönliche Anmeldung lässt sich erst einschalten, wenn eine Inhaberin oder ein Inhaber eine PIN hat: Sonst könnte sich niemand mehr anmelden, um die Einstellungen zu ändern. Vergeben Sie zuerst eine Inhaber-PIN.</translation>
    </message>
    <message>
        <source>Only the member signed in here can be named ({value} is not signed in): switch the member first.</source>
        <translation>Hier kann nur genannt werden, wer angemeldet ist ({value} ist es nicht): Bitte zuerst die Person wechseln.</translation>
    </message>
    <message>
        <source>Enter a phone number or an email address, so the customer can be told of changes.</source>
        <translation>Bitte eine Telefonnummer oder E-Mail-Adresse angeben, damit der Kunde von Änderungen erfährt.</translation>
    </message>
    <message>
        <source>Closing day</source>
        <translation>Schließtag</translation>
    </message>
    <message>
        <source>Absence</source>
        <translation>Abwesenheit</translation>
    </message>
    <message>
        <source>Online request</source>
        <translation>Online-Anfrage</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Appointment {n} of the series cannot be booked: {reason}</source>
        <translation>Termin {n} der Serie kann nicht gebucht werden: {reason}</translation>
    </message>
    <message>
        <source>The salon is closed on {day} ({note}).</source>
        <translation>Der Salon ist am {day} geschlossen ({note}).</translation>
    </message>
    <message>
        <source>The salon is closed on {day}.</source>
        <translation>Der Salon ist am {day} geschlossen.</translation>
    </message>
    <message>
        <source>{start} to {end} is outside the working hours of {staff}.</source>
        <translation>{start} bis {end} liegt außerhalb der Arbeitszeit von {staff}.</translation>
    </message>
    <message>
        <source>An appointment can last at most {hours} hours ({start} to {end} is longer).</source>
        <translation>Ein Termin darf höchstens {hours} Stunden dauern ({start} bis {end} ist länger).</translation>
    </message>
    <message>
        <source>Consent was not recorded: the text to read has changed since it was shown. Read the new text to the customer and ask again.</source>
        <translation>Die Einwilligung wurde nicht erfasst: Der vorzulesende Text hat sich geändert, seit er angezeigt wurde. Lesen Sie der Kundin oder dem Kunden den neuen Text vor und fragen Sie erneut.</translation>
    </message>
    <message>
        <source>Consent for {channel} was declared on {time} and waits for the customer&apos;s confirmation: no second request is sent.</source>
        <translation>Die Einwilligung für {channel} wurde am {time} erklärt und wartet noch auf die Bestätigung per Link: Es wird keine zweite Anfrage verschickt.</translation>
    </message>
    <message>
        <source>The file cannot be imported: line {line} is neither UTF-8 nor Windows text. Save it again as CSV UTF-8.</source>
        <translation>Die Datei kann nicht importiert werden: Zeile {line} ist weder UTF-8 noch Windows-Text. Speichern Sie sie erneut als „CSV UTF-8“.</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>Die Datei kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The backup could not be written to {folder} ({reason}). Choose another folder in the backup settings, or free some space.</source>
        <translation>Die Sicherung konnte nicht in {folder} gespeichert werden ({reason}). Bitte in den Einstellungen der Sicherung einen anderen Ordner wählen oder Platz schaffen.</translation>
    </message>
    <message>
        <source>Salon Desk backs up and restores SQLite databases only. On PostgreSQL use pg_dump and pg_restore (see the administrator&apos;s guide).</source>
        <translation>Salon Desk sichert und stellt nur SQLite-Datenbanken wieder her. Für PostgreSQL pg_dump und pg_restore verwenden (siehe Handbuch für die Administration).</translation>
    </message>
    <message>
        <source>The backup {file} does not exist.</source>
        <translation>Die Sicherung {file} gibt es nicht.</translation>
    </message>
    <message>
        <source>{file} is not a Salon Desk backup (not a database, or cut off).</source>
        <translation>{file} ist keine Sicherung von Salon Desk (keine Datenbank, oder abgeschnitten).</translation>
    </message>
    <message>
        <source>The backup {file} is damaged (it failed the integrity check).</source>
        <translation>Die Sicherung {file} ist beschädigt (die Integritätsprüfung schlug fehl).</translation>
    </message>
    <message>
        <source>{file} is a database, but not one of Salon Desk.</source>
        <translation>{file} ist eine Datenbank, aber keine von Salon Desk.</translation>
    </message>
    <message>
        <source>The backup {file} was made by a newer version of Salon Desk (schema {revision}). Update Salon Desk first.</source>
        <translation>Die Sicherung {file} stammt von einer neueren Version von Salon Desk (Schema {revision}). Bitte zuerst Salon Desk aktualisieren.</translation>
    </message>
    <message>
        <source>Another counter PC kept changing the database while its current state was being saved. Restore when the other counter PCs are idle.</source>
        <translation>Ein anderer Thekenrechner hat die Datenbank laufend geändert, während ihr aktueller Stand gesichert wurde. Stellen Sie wieder her, wenn an den anderen Thekenrechnern gerade nicht gearbeitet wird.</translation>
    </message>
    <message>
        <source>{file} is a backup of another database (salon “{salon}”), not of this one. To restore it all the same, confirm that it is meant to replace this one (desk-app db restore --other-database).</source>
        <translation>{file} ist eine Sicherung einer anderen Datenbank (Salon „{salon}“), nicht dieser. Um sie trotzdem zurückzuspielen, bestätigen Sie, dass sie diese ersetzen soll (desk-app db restore --other-database).</translation>
    </message>
    <message>
        <source>Nothing was replaced.</source>
        <translation>Es wurde nichts ersetzt.</translation>
    </message>
    <message>
        <source>The database address is not valid: {detail}</source>
        <translation>Die Adresse der Datenbank ist ungültig: {detail}</translation>
    </message>
    <message>
        <source>{field}: the same as in line {value}</source>
        <translation>{field}: dieselbe wie in Zeile {value}</translation>
    </message>
    <message>
        <source>{field}: a customer with it exists already</source>
        <translation>{field}: gehört schon zu einer Kundin oder einem Kunden</translation>
    </message>
    <message>
        <source>{field}: address of an erased customer (left out)</source>
        <translation>{field}: Adresse einer gelöschten Kundin oder eines gelöschten Kunden (ausgelassen)</translation>
    </message>
    <message>
        <source>“{value}” is not a valid email address.</source>
        <translation>„{value}“ ist keine gültige E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>The processing time needs work before and after it within the duration of {value} minutes (work, processing, work).</source>
        <translation>Die Einwirkzeit braucht Arbeit davor und danach innerhalb der Dauer von {value} Minuten (Arbeit, Einwirkzeit, Arbeit).</translation>
    </message>
    <message>
        <source>The {field} contains an invisible or control character ({value}), which cannot be stored. Remove it (it often comes with copied text).</source>
        <translation>{field}: enthält ein unsichtbares oder Steuerzeichen ({value}), das nicht gespeichert werden kann. Bitte entfernen (es kommt oft mit kopiertem Text).</translation>
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
        <source>“{value}” is not a mobile number; SMS need one.</source>
        <translation>„{value}“ ist keine Handynummer; SMS brauchen eine.</translation>
    </message>
    <message>
        <source>“{value}” is not a web address starting with https://.</source>
        <translation>„{value}“ ist keine Webadresse, die mit https:// beginnt.</translation>
    </message>
    <message>
        <source>The placeholder “{value}” does not exist. Use one from the list.</source>
        <translation>Den Platzhalter „{value}“ gibt es nicht. Bitte einen aus der Liste verwenden.</translation>
    </message>
    <message>
        <source>The {field} has a mistake: {value}</source>
        <translation>Die {field} enthält einen Fehler: {value}</translation>
    </message>
    <message>
        <source>The {field} uses “{value}”; only placeholders and “if” are allowed.</source>
        <translation>Die {field} verwendet „{value}“; erlaubt sind nur Platzhalter und „if“.</translation>
    </message>
    <message>
        <source>Nothing was erased: add --confirm to erase this customer&apos;s data for good.</source>
        <translation>Nichts wurde gelöscht: Mit --confirm werden die Daten dieses Kunden endgültig gelöscht.</translation>
    </message>
    <message>
        <source>The opening hours “{value}” are not in the form 1=09:00-18:00.</source>
        <translation>Die Öffnungszeiten „{value}“ haben nicht die Form 1=09:00-18:00.</translation>
    </message>
    <message>
        <source>The token file “{value}” cannot be read.</source>
        <translation>Die Token-Datei „{value}“ kann nicht gelesen werden.</translation>
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
        <source>This email address belonged to a customer whose data was erased; it cannot be stored again.</source>
        <translation>Diese E-Mail-Adresse gehörte einem Kunden, dessen Daten gelöscht wurden; sie kann nicht wieder gespeichert werden.</translation>
    </message>
    <message>
        <source>This phone number belonged to a customer whose data was erased; it cannot be stored again.</source>
        <translation>Diese Telefonnummer gehörte einem Kunden, dessen Daten gelöscht wurden; sie kann nicht wieder gespeichert werden.</translation>
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
    <message>
        <source>No consent can be asked for by {channel}: messages to this address came back as undeliverable. Enter a working address first.</source>
        <translation>Per {channel} kann keine Einwilligung angefragt werden: Nachrichten an diese Adresse kamen als unzustellbar zurück. Bitte zuerst eine funktionierende Adresse eintragen.</translation>
    </message>
    <message>
        <source>No consent can be asked for by {channel}: this address is on the suppression list (it belonged to a customer whose data was erased).</source>
        <translation>Per {channel} kann keine Einwilligung angefragt werden: Diese Adresse steht auf der Sperrliste (sie gehörte zu einer Kundin oder einem Kunden, deren Daten gelöscht wurden).</translation>
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
        <source>The backup could not be written to {folder}: {missing} is not there. Is the network drive or the USB disk connected? Otherwise choose another folder in the backup settings.</source>
        <translation>Die Sicherung konnte nicht nach {folder} geschrieben werden: {missing} ist nicht da. Ist das Netzlaufwerk oder der USB-Datenträger verbunden? Sonst wählen Sie in den Sicherungseinstellungen einen anderen Ordner.</translation>
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
</context>
<context>
    <name>FunnelChart</name>
    <message>
        <source>{second} of {first} ({percent})</source>
        <translation>{second} von {first} ({percent})</translation>
    </message>
    <message>
        <source>{number}%</source>
        <translation>{number} %</translation>
    </message>
</context>
<context>
    <name>GatewayPage</name>
    <message>
        <source>Gateway for email and text messages</source>
        <translation>Gateway für E-Mail und SMS</translation>
    </message>
    <message>
        <source>Leave it empty to work without one for now: booking works offline, and messages wait in the outbox until a gateway is set up under Settings ▸ Gateway.</source>
        <translation>Leer lassen, um vorerst ohne zu arbeiten: Buchen geht auch offline, und Nachrichten warten im Postausgang, bis unter Einstellungen ▸ Gateway eines eingerichtet ist.</translation>
    </message>
    <message>
        <source>The token the gateway&apos;s operator gave you</source>
        <translation>Der Token, den Sie vom Betreiber des Gateways bekommen haben</translation>
    </message>
</context>
<context>
    <name>GatewayStatusWidget</name>
    <message>
        <source>login at the SMS provider failed</source>
        <translation>Anmeldung beim SMS-Anbieter fehlgeschlagen</translation>
    </message>
    <message>
        <source>login at the mail server failed</source>
        <translation>Anmeldung beim Mailserver fehlgeschlagen</translation>
    </message>
    <message>
        <source>the server cannot be reached</source>
        <translation>Server nicht erreichbar</translation>
    </message>
    <message>
        <source>the encrypted connection failed</source>
        <translation>verschlüsselte Verbindung fehlgeschlagen</translation>
    </message>
    <message>
        <source>the sender address is refused</source>
        <translation>Absenderadresse abgelehnt</translation>
    </message>
    <message>
        <source>server error</source>
        <translation>Serverfehler</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>keine Antwort in der Zeit</translation>
    </message>
    <message>
        <source>the provider reports an error</source>
        <translation>der Anbieter meldet einen Fehler</translation>
    </message>
    <message>
        <source>SMS sending disrupted</source>
        <translation>SMS-Versand gestört</translation>
    </message>
    <message>
        <source>email sending disrupted</source>
        <translation>E-Mail-Versand gestört</translation>
    </message>
    <message>
        <source>{what} since {time}</source>
        <translation>{what} seit {time}</translation>
    </message>
    <message>
        <source>Gateway: {problems}</source>
        <translation>Gateway: {problems}</translation>
    </message>
    <message>
        <source>Gateway not set up</source>
        <translation>Gateway nicht eingerichtet</translation>
    </message>
    <message>
        <source>Gateway: not synced yet</source>
        <translation>Gateway: noch nicht abgeglichen</translation>
    </message>
    <message>
        <source>Gateway connected</source>
        <translation>Gateway verbunden</translation>
    </message>
    <message>
        <source>Gateway unreachable</source>
        <translation>Gateway nicht erreichbar</translation>
    </message>
    <message>
        <source>Gateway: token not accepted</source>
        <translation>Gateway: Token nicht akzeptiert</translation>
    </message>
    <message>
        <source>Gateway error</source>
        <translation>Gateway-Fehler</translation>
    </message>
    <message>
        <source>Messages wait in the outbox until the owner enters the gateway address and token in the settings.</source>
        <translation>Nachrichten warten im Postausgang, bis die Inhaberin oder der Inhaber Gateway-Adresse und Token in den Einstellungen einträgt.</translation>
    </message>
    <message>
        <source>No sync with the gateway has finished yet.</source>
        <translation>Es wurde noch kein Abgleich mit dem Gateway abgeschlossen.</translation>
    </message>
    <message>
        <source>Last attempt: {time}</source>
        <translation>Letzter Versuch: {time}</translation>
    </message>
    <message>
        <source>Last sync: {time}</source>
        <translation>Letzter Abgleich: {time}</translation>
    </message>
    <message>
        <source>The gateway keeps the messages and sends them when this works again; its operator has to fix it. Nothing is lost.</source>
        <translation>Das Gateway behält die Nachrichten und sendet sie, sobald das wieder geht; der Betreiber des Gateways muss es beheben. Es geht nichts verloren.</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n wartet</numerusform>
            <numerusform>%n warten</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages waiting for the next sync</source>
        <translation>Nachrichten, die auf den nächsten Abgleich warten</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed messages: retry them in the outbox</source>
        <translation>Fehlgeschlagene Nachrichten: im Postausgang erneut senden</translation>
    </message>
</context>
<context>
    <name>GatewayTab</name>
    <message>
        <source>Enter a new token to replace the stored one</source>
        <translation>Neuen Token eingeben, um den gespeicherten zu ersetzen</translation>
    </message>
    <message>
        <source>The token is kept in this computer&apos;s password store, never in the database, and is not shown again. Leave it empty to keep the stored one.</source>
        <translation>Der Token liegt im Passwortspeicher dieses Computers, nie in der Datenbank, und wird nicht wieder angezeigt. Leer lassen, um den gespeicherten zu behalten.</translation>
    </message>
    <message>
        <source>Gateway &amp;address:</source>
        <translation>Gateway-&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Enter the token for the new gateway address.</source>
        <translation>Bitte den Token für die neue Gateway-Adresse eingeben.</translation>
    </message>
    <message>
        <source>{problem} Nothing was saved.</source>
        <translation>{problem} Es wurde nichts gespeichert.</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Press F1 at any time to see this list again.</source>
        <translation>Mit F1 erscheint diese Liste jederzeit wieder.</translation>
    </message>
</context>
<context>
    <name>HolidayWords</name>
    <message>
        <source>Baden-Württemberg</source>
        <translation>Baden-Württemberg</translation>
    </message>
    <message>
        <source>Bavaria</source>
        <translation>Bayern</translation>
    </message>
    <message>
        <source>Berlin</source>
        <translation>Berlin</translation>
    </message>
    <message>
        <source>Brandenburg</source>
        <translation>Brandenburg</translation>
    </message>
    <message>
        <source>Bremen</source>
        <translation>Bremen</translation>
    </message>
    <message>
        <source>Hamburg</source>
        <translation>Hamburg</translation>
    </message>
    <message>
        <source>Hesse</source>
        <translation>Hessen</translation>
    </message>
    <message>
        <source>Mecklenburg-Western Pomerania</source>
        <translation>Mecklenburg-Vorpommern</translation>
    </message>
    <message>
        <source>Lower Saxony</source>
        <translation>Niedersachsen</translation>
    </message>
    <message>
        <source>North Rhine-Westphalia</source>
        <translation>Nordrhein-Westfalen</translation>
    </message>
    <message>
        <source>Rhineland-Palatinate</source>
        <translation>Rheinland-Pfalz</translation>
    </message>
    <message>
        <source>Saarland</source>
        <translation>Saarland</translation>
    </message>
    <message>
        <source>Saxony</source>
        <translation>Sachsen</translation>
    </message>
    <message>
        <source>Saxony-Anhalt</source>
        <translation>Sachsen-Anhalt</translation>
    </message>
    <message>
        <source>Schleswig-Holstein</source>
        <translation>Schleswig-Holstein</translation>
    </message>
    <message>
        <source>Thuringia</source>
        <translation>Thüringen</translation>
    </message>
    <message>
        <source>New Year&apos;s Day</source>
        <translation>Neujahr</translation>
    </message>
    <message>
        <source>Epiphany</source>
        <translation>Heilige Drei Könige</translation>
    </message>
    <message>
        <source>International Women&apos;s Day</source>
        <translation>Internationaler Frauentag</translation>
    </message>
    <message>
        <source>Good Friday</source>
        <translation>Karfreitag</translation>
    </message>
    <message>
        <source>Easter Sunday</source>
        <translation>Ostersonntag</translation>
    </message>
    <message>
        <source>Easter Monday</source>
        <translation>Ostermontag</translation>
    </message>
    <message>
        <source>Labour Day</source>
        <translation>Tag der Arbeit</translation>
    </message>
    <message>
        <source>Ascension Day</source>
        <translation>Christi Himmelfahrt</translation>
    </message>
    <message>
        <source>Whit Sunday</source>
        <translation>Pfingstsonntag</translation>
    </message>
    <message>
        <source>Whit Monday</source>
        <translation>Pfingstmontag</translation>
    </message>
    <message>
        <source>Corpus Christi</source>
        <translation>Fronleichnam</translation>
    </message>
    <message>
        <source>Assumption Day</source>
        <translation>Mariä Himmelfahrt</translation>
    </message>
    <message>
        <source>World Children&apos;s Day</source>
        <translation>Weltkindertag</translation>
    </message>
    <message>
        <source>Day of German Unity</source>
        <translation>Tag der Deutschen Einheit</translation>
    </message>
    <message>
        <source>Reformation Day</source>
        <translation>Reformationstag</translation>
    </message>
    <message>
        <source>All Saints&apos; Day</source>
        <translation>Allerheiligen</translation>
    </message>
    <message>
        <source>Day of Repentance and Prayer</source>
        <translation>Buß- und Bettag</translation>
    </message>
    <message>
        <source>Christmas Day</source>
        <translation>1. Weihnachtstag</translation>
    </message>
    <message>
        <source>Boxing Day</source>
        <translation>2. Weihnachtstag</translation>
    </message>
</context>
<context>
    <name>HoursPage</name>
    <message>
        <source>Opening hours</source>
        <translation>Öffnungszeiten</translation>
    </message>
    <message>
        <source>Appointments are booked within these hours.</source>
        <translation>Termine werden innerhalb dieser Zeiten gebucht.</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Welcome to Salon Desk</source>
        <translation>Willkommen bei Salon Desk</translation>
    </message>
    <message>
        <source>A few questions, then the salon is ready for its first booking.</source>
        <translation>Ein paar Fragen, dann ist der Salon bereit für die erste Buchung.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Everything asked here can be changed later under Settings. Cancel ends Salon Desk without saving anything; the assistant then starts again.</source>
        <translation>Alles, was hier gefragt wird, lässt sich später unter Einstellungen ändern. „Abbrechen“ beendet Salon Desk, ohne etwas zu speichern; der Assistent startet dann erneut.</translation>
    </message>
</context>
<context>
    <name>LateCancelDialog</name>
    <message>
        <source>Cancel appointment</source>
        <translation>Termin absagen</translation>
    </message>
    <message>
        <source>Cancel the appointment of {customer} ({when})?</source>
        <translation>Den Termin von {customer} ({when}) absagen?</translation>
    </message>
    <message>
        <source>&amp;Late cancellation — counts for the customer</source>
        <translation>&amp;Kurzfristige Absage – zählt für die Kundin oder den Kunden</translation>
    </message>
    <message numerus="yes">
        <source>It starts in less than %n hour(s). Untick it if the salon waives it.</source>
        <translation>
            <numerusform>Er beginnt in weniger als %n Stunde. Haken entfernen, wenn der Salon darauf verzichtet.</numerusform>
            <numerusform>Er beginnt in weniger als %n Stunden. Haken entfernen, wenn der Salon darauf verzichtet.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Cancel appointment</source>
        <translation>Termin &amp;absagen</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>Termin &amp;behalten</translation>
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
        <source>Online requests</source>
        <translation>Online-Anfragen</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>{section} ({count})</source>
        <translation>{section} ({count})</translation>
    </message>
    <message>
        <source>{section} – coming soon</source>
        <translation>{section} – folgt in Kürze</translation>
    </message>
</context>
<context>
    <name>MarketingPage</name>
    <message>
        <source>&amp;New campaign</source>
        <translation>&amp;Neue Kampagne</translation>
    </message>
    <message>
        <source>&amp;Campaigns</source>
        <translation>&amp;Kampagnen</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>Aus&amp;wertung</translation>
    </message>
    <message>
        <source>&amp;Automations</source>
        <translation>&amp;Automatisierungen</translation>
    </message>
    <message>
        <source>Marketing: campaigns, their results and the automatic messages.</source>
        <translation>Marketing: Kampagnen, ihre Ergebnisse und die automatischen Nachrichten.</translation>
    </message>
</context>
<context>
    <name>MenuBar</name>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
</context>
<context>
    <name>MessagePreview</name>
    <message>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>About:</source>
        <translation>Art:</translation>
    </message>
    <message>
        <source>No message chosen</source>
        <translation>Keine Nachricht gewählt</translation>
    </message>
    <message>
        <source>Choose a message in the list to see it as the customer will.</source>
        <translation>Wählen Sie eine Nachricht in der Liste, um sie so zu sehen, wie die Kundschaft sie erhält.</translation>
    </message>
    <message>
        <source>{status} · {time}</source>
        <translation>{status} · {time}</translation>
    </message>
    <message>
        <source>[personal unsubscribe link]</source>
        <translation>[persönlicher Abmelde-Link]</translation>
    </message>
    <message>
        <source>{name} &lt;{address}&gt;</source>
        <translation>{name} &lt;{address}&gt;</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>The gateway writes this message when it sends it: the request to confirm, with the customer&apos;s personal confirmation link.</source>
        <translation>Das Gateway schreibt diese Nachricht beim Versand: die Bitte um Bestätigung mit dem persönlichen Bestätigungslink.</translation>
    </message>
    <message numerus="yes">
        <source>%n SMS part(s)</source>
        <translation>
            <numerusform>%n SMS-Teil</numerusform>
            <numerusform>%n SMS-Teile</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} characters, {encoding}</source>
        <translation>{count} Zeichen, {encoding}</translation>
    </message>
</context>
<context>
    <name>MiniMonthButton</name>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
</context>
<context>
    <name>NotifySwitch</name>
    <message>
        <source>Send confirmation and reminder</source>
        <translation>Bestätigung und Erinnerung senden</translation>
    </message>
    <message>
        <source>This customer unsubscribed from messages. A confirmation and reminder will be sent for this appointment because you switched it on.</source>
        <translation>Dieser Kunde hat sich abgemeldet. Für diesen Termin werden Bestätigung und Erinnerung trotzdem gesendet, weil Sie es eingeschaltet haben.</translation>
    </message>
    <message>
        <source>This customer unsubscribed from messages, so no confirmation or reminder is sent. Switch it on only if the customer asks for it now.</source>
        <translation>Dieser Kunde hat sich abgemeldet, daher werden keine Bestätigung und keine Erinnerung gesendet. Nur einschalten, wenn der Kunde jetzt ausdrücklich darum bittet.</translation>
    </message>
</context>
<context>
    <name>OnlineNotice</name>
    <message>
        <source>{count} news from online booking. See the calendar and “Online requests” (Ctrl+5).</source>
        <translation>{count} Neuigkeiten aus der Online-Buchung. Siehe Kalender und „Online-Anfragen“ (Strg+5).</translation>
    </message>
    <message>
        <source>New online booking: {name}, {service}, {when}.</source>
        <translation>Neue Online-Buchung: {name}, {service}, {when}.</translation>
    </message>
    <message>
        <source>{name} cancelled the online booking {service}, {when}.</source>
        <translation>{name} hat die Online-Buchung {service}, {when} abgesagt.</translation>
    </message>
    <message>
        <source>Online request from {name} not booked ({reason}); the customer was told. See “Online requests” (Ctrl+5).</source>
        <translation>Online-Anfrage von {name} nicht gebucht ({reason}); die Kundschaft ist informiert. Siehe „Online-Anfragen“ (Strg+5).</translation>
    </message>
    <message>
        <source>New online request from {name} waits for you: {service}, {when}. See “Online requests” (Ctrl+5).</source>
        <translation>Neue Online-Anfrage von {name} wartet auf Sie: {service}, {when}. Siehe „Online-Anfragen“ (Strg+5).</translation>
    </message>
</context>
<context>
    <name>OnlineRequestsModel</name>
    <message>
        <source>{day} {date}, {start}–{end}</source>
        <translation>{day} {date}, {start}–{end}</translation>
    </message>
    <message>
        <source>{state}: {reason}</source>
        <translation>{state}: {reason}</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Eingegangen</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Wished time</source>
        <translation>Wunschtermin</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>anyone</source>
        <translation>egal</translation>
    </message>
</context>
<context>
    <name>OnlineRequestsPage</name>
    <message>
        <source>Show &amp;decided requests too</source>
        <translation>Auch &amp;entschiedene Anfragen zeigen</translation>
    </message>
    <message>
        <source>&amp;Book (Enter)</source>
        <translation>&amp;Buchen (Eingabe)</translation>
    </message>
    <message>
        <source>Put the request into the calendar and confirm it to the customer</source>
        <translation>Die Anfrage in den Kalender eintragen und der Kundschaft bestätigen</translation>
    </message>
    <message>
        <source>Re&amp;fuse (Del)</source>
        <translation>&amp;Ablehnen (Entf)</translation>
    </message>
    <message>
        <source>Tell the customer the time cannot be booked, with a link to choose another</source>
        <translation>Der Kundschaft mitteilen, dass die Zeit nicht buchbar ist, mit einem Link zur Wahl einer anderen</translation>
    </message>
    <message>
        <source>&amp;Reload (F5)</source>
        <translation>&amp;Neu laden (F5)</translation>
    </message>
    <message>
        <source>Booked: {name}, {when}, {service}. The confirmation is on its way.</source>
        <translation>Gebucht: {name}, {when}, {service}. Die Bestätigung ist unterwegs.</translation>
    </message>
    <message>
        <source>Not booked: {state}</source>
        <translation>Nicht gebucht: {state}</translation>
    </message>
    <message>
        <source>Refuse the request?</source>
        <translation>Anfrage ablehnen?</translation>
    </message>
    <message>
        <source>Refuse the request of {name} for {when}? The customer is told that the time cannot be booked and gets a link to choose another one.</source>
        <translation>Die Anfrage von {name} für {when} ablehnen? Die Kundschaft erfährt, dass die Zeit nicht buchbar ist, und bekommt einen Link, um eine andere zu wählen.</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Refused: {name}, {when}. The customer is told.</source>
        <translation>Abgelehnt: {name}, {when}. Die Kundschaft wird benachrichtigt.</translation>
    </message>
</context>
<context>
    <name>OnlineTab</name>
    <message>
        <source>&amp;Customers can book on the salon&apos;s website</source>
        <translation>&amp;Kundschaft kann auf der Website des Salons buchen</translation>
    </message>
    <message>
        <source>e.g. haarwerk-mueller</source>
        <translation>z. B. haarwerk-mueller</translation>
    </message>
    <message>
        <source>C&amp;opy link</source>
        <translation>Link k&amp;opieren</translation>
    </message>
    <message>
        <source> weeks ahead</source>
        <translation> Wochen im Voraus</translation>
    </message>
    <message>
        <source> min before</source>
        <translation> Min. vorher</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source> h before</source>
        <translation> Std. vorher</translation>
    </message>
    <message>
        <source> h before the start</source>
        <translation> Std. vor Beginn</translation>
    </message>
    <message>
        <source>e.g. https://www.salon.de/datenschutz</source>
        <translation>z. B. https://www.salon.de/datenschutz</translation>
    </message>
    <message>
        <source>Changes on this page are saved at once.</source>
        <translation>Änderungen auf dieser Seite werden sofort gespeichert.</translation>
    </message>
    <message>
        <source>The last part of your booking page&apos;s address: 3 to 40 lower-case letters, digits and hyphens.</source>
        <translation>Der letzte Teil der Adresse Ihrer Buchungsseite: 3 bis 40 Kleinbuchstaben, Ziffern und Bindestriche.</translation>
    </message>
    <message>
        <source>Public &amp;name:</source>
        <translation>Öffentlicher &amp;Name:</translation>
    </message>
    <message>
        <source>Put this link on your website, e.g. as a button “Book online”.</source>
        <translation>Setzen Sie diesen Link auf Ihre Website, z. B. als Knopf „Online buchen“.</translation>
    </message>
    <message>
        <source>Late cancellation:</source>
        <translation>Kurzfristige Absage:</translation>
    </message>
    <message>
        <source>A cancellation later than this counts for the customer, next to their no-shows (at the counter it can be waived); 0: never.</source>
        <translation>Eine spätere Absage zählt für die Kundin oder den Kunden, neben dem Nichterscheinen (am Empfang lässt sie sich erlassen); 0: nie.</translation>
    </message>
    <message>
        <source>Page colo&amp;ur:</source>
        <translation>Seiten&amp;farbe:</translation>
    </message>
    <message>
        <source>Offer freed times to the &amp;waitlist automatically (email or SMS)</source>
        <translation>Frei gewordene Zeiten automatisch der &amp;Warteliste anbieten (E-Mail oder SMS)</translation>
    </message>
    <message>
        <source>&amp;Hold an offer for:</source>
        <translation>Angebot &amp;halten für:</translation>
    </message>
    <message>
        <source>The first in line gets a link; the time is held for them this long, then offered to the next. Whoever confirms first gets it.</source>
        <translation>Wer zuerst auf der Warteliste steht, bekommt einen Link; die Zeit wird so lange für ihn gehalten und dann dem Nächsten angeboten. Wer zuerst bestätigt, bekommt sie.</translation>
    </message>
    <message>
        <source>the gateway&apos;s address (tab “Gateway”)</source>
        <translation>die Adresse des Gateways (Reiter „Gateway“)</translation>
    </message>
    <message>
        <source>&amp;Link for your website:</source>
        <translation>&amp;Link für Ihre Website:</translation>
    </message>
    <message>
        <source>Book up to:</source>
        <translation>Buchbar bis:</translation>
    </message>
    <message>
        <source>Book until:</source>
        <translation>Buchbar bis spätestens:</translation>
    </message>
    <message>
        <source>Start times every:</source>
        <translation>Startzeiten alle:</translation>
    </message>
    <message>
        <source>Cancel or move until:</source>
        <translation>Absagen oder verschieben bis:</translation>
    </message>
    <message>
        <source>&amp;Privacy notice:</source>
        <translation>&amp;Datenschutzerklärung:</translation>
    </message>
    <message>
        <source>Which services and which staff members can be chosen online is set on the tabs “Services” and “Staff”.</source>
        <translation>Welche Leistungen und welche Mitarbeiter online wählbar sind, legen Sie auf den Reitern „Leistungen“ und „Mitarbeiter“ fest.</translation>
    </message>
    <message>
        <source>Customers see free times from now plus the lead time up to the number of weeks ahead, on the grid of start times; they can cancel or move their booking from the confirmation until the given hours before it.</source>
        <translation>Die Kundschaft sieht freie Zeiten ab jetzt plus Vorlaufzeit bis zur gewählten Zahl von Wochen im Voraus, im Raster der Startzeiten; absagen oder verschieben kann sie über die Bestätigung bis zur angegebenen Stundenzahl vor dem Termin.</translation>
    </message>
    <message>
        <source>a valid public name (above)</source>
        <translation>einen gültigen öffentlichen Namen (oben)</translation>
    </message>
    <message>
        <source>The link needs {missing}.</source>
        <translation>Der Link braucht noch {missing}.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>✓ Link copied</source>
        <translation>✓ Link kopiert</translation>
    </message>
    <message>
        <source>✓ Saved</source>
        <translation>✓ Gespeichert</translation>
    </message>
</context>
<context>
    <name>OnlineTexts</name>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Waiting for you</source>
        <translation>Wartet auf Sie</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Cancelled by the customer</source>
        <translation>Von der Kundschaft abgesagt</translation>
    </message>
    <message>
        <source>the time was taken meanwhile (booked at the counter or online)</source>
        <translation>die Zeit war inzwischen vergeben (am Empfang oder online gebucht)</translation>
    </message>
    <message>
        <source>more than one customer has this email address or phone number: choose who it is</source>
        <translation>mehrere Kundinnen oder Kunden haben diese E-Mail-Adresse oder Telefonnummer: wählen Sie, wer es ist</translation>
    </message>
    <message>
        <source>the service or staff member can no longer be booked online</source>
        <translation>die Leistung oder die Mitarbeiterin / der Mitarbeiter ist nicht mehr online buchbar</translation>
    </message>
    <message>
        <source>the time is outside the opening or working hours</source>
        <translation>die Zeit liegt außerhalb der Öffnungs- oder Arbeitszeiten</translation>
    </message>
    <message>
        <source>left for you to decide</source>
        <translation>Ihnen zur Entscheidung überlassen</translation>
    </message>
    <message>
        <source>New booking</source>
        <translation>Neue Buchung</translation>
    </message>
    <message>
        <source>Move a booking</source>
        <translation>Termin verschieben</translation>
    </message>
</context>
<context>
    <name>OpeningHoursTab</name>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Öffnungszeit</translation>
    </message>
    <message>
        <source>Opens</source>
        <translation>Öffnet</translation>
    </message>
    <message>
        <source>Closes</source>
        <translation>Schließt</translation>
    </message>
    <message>
        <source>Opens again</source>
        <translation>Öffnet wieder</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Geöffnet</translation>
    </message>
    <message>
        <source>Open with a break</source>
        <translation>Geöffnet mit Pause</translation>
    </message>
    <message>
        <source>Appointments can be booked only within the opening hours.</source>
        <translation>Termine lassen sich nur innerhalb der Öffnungszeiten buchen.</translation>
    </message>
    <message>
        <source>This day has more than two intervals; saving keeps the first and last.</source>
        <translation>Dieser Tag hat mehr als zwei Zeiträume; beim Speichern bleiben der erste und der letzte erhalten.</translation>
    </message>
    <message>
        <source>The opening time must be before the closing time.</source>
        <translation>Die Öffnungszeit muss vor der Schließzeit liegen.</translation>
    </message>
    <message>
        <source>Reopening after the break must be at {time} or later.</source>
        <translation>Nach der Pause frühestens um {time} wieder öffnen.</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>Queued at</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>(customer deleted)</source>
        <translation>(Kunde gelöscht)</translation>
    </message>
    <message>
        <source>To: {address}</source>
        <translation>An: {address}</translation>
    </message>
    <message>
        <source>Subject: {subject}</source>
        <translation>Betreff: {subject}</translation>
    </message>
    <message numerus="yes">
        <source>Handed over %n time(s)</source>
        <translation>
            <numerusform>%n-mal übergeben</numerusform>
            <numerusform>%n-mal übergeben</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutboxPage</name>
    <message>
        <source>All messages</source>
        <translation>Alle Nachrichten</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Akt&amp;ualisieren</translation>
    </message>
    <message>
        <source>Send &amp;again</source>
        <translation>&amp;Erneut senden</translation>
    </message>
    <message>
        <source>Put the selected failed message back in the queue</source>
        <translation>Die ausgewählte fehlgeschlagene Nachricht wieder in die Warteschlange stellen</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Jetzt abgleichen</translation>
    </message>
    <message>
        <source>No gateway is set up yet: enter its address and token in the settings.</source>
        <translation>Noch kein Gateway eingerichtet: Adresse und Token in den Einstellungen eintragen.</translation>
    </message>
    <message>
        <source>Fetch news from the gateway, then send the waiting messages</source>
        <translation>Neuigkeiten vom Gateway abholen, dann die wartenden Nachrichten senden</translation>
    </message>
    <message>
        <source>All messages ({count})</source>
        <translation>Alle Nachrichten ({count})</translation>
    </message>
    <message>
        <source>{status} ({count})</source>
        <translation>{status} ({count})</translation>
    </message>
    <message>
        <source>Choose “All messages” to see every message.</source>
        <translation>Wählen Sie „Alle Nachrichten“, um jede Nachricht zu sehen.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt abgleichen</translation>
    </message>
    <message>
        <source>The outbox is empty.</source>
        <translation>Der Postausgang ist leer.</translation>
    </message>
    <message>
        <source>No messages with this status.</source>
        <translation>Keine Nachrichten mit diesem Status.</translation>
    </message>
    <message>
        <source>Show all &amp;messages</source>
        <translation>Alle &amp;Nachrichten zeigen</translation>
    </message>
    <message>
        <source>Booking confirmations, reminders and campaigns wait here until the gateway has them. Sync now (F5) to fetch news from the gateway.</source>
        <translation>Buchungsbestätigungen, Erinnerungen und Kampagnen warten hier, bis das Gateway sie hat. Jetzt abgleichen (F5) holt Neuigkeiten vom Gateway.</translation>
    </message>
    <message>
        <source>Booking confirmations, reminders and campaigns wait here until they are sent. Set up the gateway in the settings (Ctrl+,) to send them.</source>
        <translation>Buchungsbestätigungen, Erinnerungen und Kampagnen warten hier, bis sie versendet sind. Richten Sie das Gateway in den Einstellungen ein (Strg+,), um sie zu senden.</translation>
    </message>
    <message>
        <source>The message is queued again and goes out with the next sync.</source>
        <translation>Die Nachricht wartet wieder und geht mit dem nächsten Abgleich hinaus.</translation>
    </message>
    <message>
        <source>Fetching news from the gateway…</source>
        <translation>Neuigkeiten vom Gateway werden abgeholt …</translation>
    </message>
    <message numerus="yes">
        <source>Fetching news from the gateway… %n received</source>
        <translation>
            <numerusform>Neuigkeiten vom Gateway werden abgeholt … %n erhalten</numerusform>
            <numerusform>Neuigkeiten vom Gateway werden abgeholt … %n erhalten</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending messages… {done} of {total}</source>
        <translation>Nachrichten werden gesendet … {done} von {total}</translation>
    </message>
    <message>
        <source>Synced at {time}.</source>
        <translation>Abgeglichen am {time}.</translation>
    </message>
    <message numerus="yes">
        <source>%n update(s) received from the gateway.</source>
        <translation>
            <numerusform>%n Neuigkeit vom Gateway erhalten.</numerusform>
            <numerusform>%n Neuigkeiten vom Gateway erhalten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) handed to the gateway.</source>
        <translation>
            <numerusform>%n Nachricht an das Gateway übergeben.</numerusform>
            <numerusform>%n Nachrichten an das Gateway übergeben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) refused by the gateway: {reasons}.</source>
        <translation>
            <numerusform>%n Nachricht vom Gateway abgelehnt: {reasons}.</numerusform>
            <numerusform>%n Nachrichten vom Gateway abgelehnt: {reasons}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing new: everything is up to date.</source>
        <translation>Nichts Neues: alles ist auf dem neuesten Stand.</translation>
    </message>
</context>
<context>
    <name>OutboxTexts</name>
    <message>
        <source>Waiting to be sent</source>
        <translation>Wartet auf Versand</translation>
    </message>
    <message>
        <source>Handed to the gateway</source>
        <translation>An Gateway übergeben</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Versendet</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Undeliverable</source>
        <translation>Unzustellbar</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Booking confirmation</source>
        <translation>Terminbestätigung</translation>
    </message>
    <message>
        <source>Appointment change</source>
        <translation>Terminänderung</translation>
    </message>
    <message>
        <source>Appointment cancellation</source>
        <translation>Terminabsage</translation>
    </message>
    <message>
        <source>Appointment reminder</source>
        <translation>Terminerinnerung</translation>
    </message>
    <message>
        <source>Consent request</source>
        <translation>Einwilligungsanfrage</translation>
    </message>
    <message>
        <source>Appointment message</source>
        <translation>Terminnachricht</translation>
    </message>
    <message>
        <source>Salon news</source>
        <translation>Salon-Info</translation>
    </message>
    <message>
        <source>Offer for existing customers</source>
        <translation>Angebot für Bestandskunden</translation>
    </message>
    <message>
        <source>Advertising</source>
        <translation>Werbung</translation>
    </message>
    <message>
        <source>the address is blocked at the gateway (unsubscribed or erased)</source>
        <translation>die Adresse ist am Gateway gesperrt (abgemeldet oder gelöscht)</translation>
    </message>
    <message>
        <source>the gateway could not send it in time</source>
        <translation>das Gateway konnte sie nicht rechtzeitig senden</translation>
    </message>
    <message>
        <source>the gateway found no confirmed consent for it</source>
        <translation>das Gateway fand keine bestätigte Einwilligung dafür</translation>
    </message>
    <message>
        <source>refused by the gateway</source>
        <translation>vom Gateway abgelehnt</translation>
    </message>
    <message>
        <source>too late: the appointment had already begun</source>
        <translation>zu spät: der Termin hatte schon begonnen</translation>
    </message>
    <message>
        <source>the appointment was cancelled</source>
        <translation>der Termin wurde abgesagt</translation>
    </message>
    <message>
        <source>messages for this appointment were switched off</source>
        <translation>Nachrichten zu diesem Termin wurden abgeschaltet</translation>
    </message>
    <message>
        <source>replaced by a newer message about the same appointment</source>
        <translation>durch eine neuere Nachricht zum selben Termin ersetzt</translation>
    </message>
    <message>
        <source>sending failed</source>
        <translation>Versand fehlgeschlagen</translation>
    </message>
    <message>
        <source>the gateway refused it as invalid (e.g. a control character or a field too long); the others went out</source>
        <translation>vom Gateway als ungültig abgelehnt (z. B. ein Steuerzeichen oder ein zu langes Feld); die anderen wurden gesendet</translation>
    </message>
    <message>
        <source>the stored consent request is damaged and was not sent; declare the consent again</source>
        <translation>die gespeicherte Einwilligungsanfrage ist beschädigt und wurde nicht gesendet; bitte die Einwilligung neu erfassen</translation>
    </message>
    <message>
        <source>the gateway refused this message; the others went out</source>
        <translation>vom Gateway abgelehnt; die anderen wurden gesendet</translation>
    </message>
    <message>
        <source>given up after 10 hand-overs that failed at the gateway; “Send again” tries once more</source>
        <translation>aufgegeben nach 10 Übergaben, die am Gateway scheiterten; „Erneut senden“ versucht es noch einmal</translation>
    </message>
    <message>
        <source>the gateway cannot send this channel (no SMS provider set up)</source>
        <translation>das Gateway kann über diesen Kanal nicht senden (kein SMS-Anbieter eingerichtet)</translation>
    </message>
    <message>
        <source>the mail or SMS service refused the message itself</source>
        <translation>der Mail- oder SMS-Dienst hat die Nachricht selbst abgelehnt</translation>
    </message>
</context>
<context>
    <name>PhasePainting</name>
    <message>
        <source>Processing</source>
        <translation>Einwirkzeit</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>PIN for {name}</source>
        <translation>PIN für {name}</translation>
    </message>
    <message>
        <source>The new PIN for {name}: {low} to {high} digits. Tell it to {name} in private; the old PIN stops working, and a lockout ends.</source>
        <translation>Die neue PIN für {name}: {low} bis {high} Ziffern. Sagen Sie sie {name} unter vier Augen; die alte PIN gilt dann nicht mehr, und eine Sperre endet.</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>PIN setzen</translation>
    </message>
</context>
<context>
    <name>PinField</name>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
</context>
<context>
    <name>PinFields</name>
    <message>
        <source>New &amp;PIN:</source>
        <translation>Neue &amp;PIN:</translation>
    </message>
    <message>
        <source>&amp;Once more:</source>
        <translation>&amp;Noch einmal:</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>Die beiden PINs stimmen nicht überein.</translation>
    </message>
    <message>
        <source>A PIN has {low} to {high} digits.</source>
        <translation>Eine PIN hat {low} bis {high} Ziffern.</translation>
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
<context>
    <name>RecordedByWidget</name>
    <message>
        <source>– choose –</source>
        <translation>– bitte wählen –</translation>
    </message>
    <message>
        <source>How:</source>
        <translation>Wie:</translation>
    </message>
</context>
<context>
    <name>RepeatSection</name>
    <message>
        <source>&amp;Repeat</source>
        <translation>Wieder&amp;holen</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>Wochen</translation>
    </message>
    <message>
        <source>months (same weekday of the month)</source>
        <translation>Monate (gleicher Wochentag im Monat)</translation>
    </message>
    <message>
        <source>&amp;for</source>
        <translation>&amp;für</translation>
    </message>
    <message>
        <source> appointments</source>
        <translation> Termine</translation>
    </message>
    <message>
        <source>&amp;until</source>
        <translation>&amp;bis</translation>
    </message>
    <message>
        <source>every</source>
        <translation>alle</translation>
    </message>
</context>
<context>
    <name>RequestDetails</name>
    <message>
        <source>Customer:</source>
        <translation>Kunde:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Mobile:</source>
        <translation>Mobil:</translation>
    </message>
    <message>
        <source>Service:</source>
        <translation>Leistung:</translation>
    </message>
    <message>
        <source>Staff:</source>
        <translation>Mitarbeiter:</translation>
    </message>
    <message>
        <source>Wished time:</source>
        <translation>Wunschtermin:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Notiz:</translation>
    </message>
    <message>
        <source>Advertising:</source>
        <translation>Werbung:</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>Eingegangen:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Stand:</translation>
    </message>
    <message>
        <source>Choose a request in the list.</source>
        <translation>Wählen Sie eine Anfrage in der Liste.</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>anyone</source>
        <translation>egal</translation>
    </message>
    <message>
        <source>{when} ({kind})</source>
        <translation>{when} ({kind})</translation>
    </message>
    <message>
        <source>no box ticked: no advertising consent</source>
        <translation>kein Kästchen angekreuzt: keine Werbe-Einwilligung</translation>
    </message>
    <message>
        <source>ticked for {channels}: the confirmation carries the link to confirm it</source>
        <translation>angekreuzt für {channels}: Die Bestätigung enthält den Link, um sie zu bestätigen</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>&amp;Restore …</source>
        <translation>&amp;Wiederherstellen …</translation>
    </message>
    <message>
        <source>From &amp;file …</source>
        <translation>Aus &amp;Datei …</translation>
    </message>
    <message>
        <source>A restore replaces everything in the database (customers, appointments, consent records, settings, staff) with the backup&apos;s. What is there now is kept as a backup first.</source>
        <translation>Eine Wiederherstellung ersetzt alles in der Datenbank (Kundschaft, Termine, Einwilligungsnachweise, Einstellungen, Team) durch den Stand der Sicherung. Der jetzige Stand wird vorher gesichert.</translation>
    </message>
    <message>
        <source>There are no backups in the backup folder yet.</source>
        <translation>Im Sicherungsordner gibt es noch keine Sicherungen.</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>täglich</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>vor einer Wiederherstellung</translation>
    </message>
    <message>
        <source>Restore from file</source>
        <translation>Aus Datei wiederherstellen</translation>
    </message>
    <message>
        <source>Checking the backup …</source>
        <translation>Sicherung wird geprüft …</translation>
    </message>
    <message>
        <source>Replace everything in the database with the backup {file} of “{salon}”?

Whatever was entered since that backup is replaced (it stays in the copy that is made first).</source>
        <translation>Alles in der Datenbank durch die Sicherung {file} von „{salon}“ ersetzen?

Was seit dieser Sicherung eingegeben wurde, wird ersetzt (es bleibt in der Kopie, die vorher angelegt wird).</translation>
    </message>
    <message>
        <source>This backup is not a copy of this database: it comes from another one (salon “{salon}”, another counter PC or another installation).

</source>
        <translation>Diese Sicherung ist keine Kopie dieser Datenbank: Sie stammt aus einer anderen (Salon „{salon}“, ein anderer Thekenrechner oder eine andere Installation).

</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Restoring …</source>
        <translation>Wird wiederhergestellt …</translation>
    </message>
</context>
<context>
    <name>RetentionModel</name>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Last appointment</source>
        <translation>Letzter Termin</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
</context>
<context>
    <name>RetentionTab</name>
    <message>
        <source>&amp;Anonymise customers who have had no appointment for</source>
        <translation>Kunden &amp;anonymisieren, die keinen Termin mehr hatten seit</translation>
    </message>
    <message>
        <source> years</source>
        <translation> Jahren</translation>
    </message>
    <message>
        <source>&amp;Show who would be affected</source>
        <translation>&amp;Betroffene anzeigen</translation>
    </message>
    <message>
        <source>Changes on this page are saved at once.</source>
        <translation>Änderungen auf dieser Seite werden sofort gespeichert.</translation>
    </message>
    <message>
        <source>Once a day, customers whose last appointment (of any kind, also cancelled) began longer ago than this, with none booked ahead, are anonymised as if erased: name, contact details, notes and appointments are removed. The consent proof is kept, and their email address and mobile number stay blocked for advertising. Customers entered more recently, and those with an online booking request still open, are left alone.</source>
        <translation>Einmal am Tag werden Kunden, deren letzter Termin (jeder Art, auch abgesagt) länger zurückliegt und die keinen Termin mehr gebucht haben, wie bei einer Löschung anonymisiert: Name, Kontaktdaten, Notizen und Termine werden entfernt. Der Nachweis der Einwilligung bleibt erhalten, und ihre E-Mail-Adresse und Mobilnummer bleiben für Werbung gesperrt. Kunden, die erst später angelegt wurden, und Kunden mit einer noch offenen Online-Buchungsanfrage bleiben unberührt.</translation>
    </message>
    <message>
        <source>Counting …</source>
        <translation>Wird gezählt …</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) would be anonymised now (no appointment since {date}).</source>
        <translation>
            <numerusform>%n Kunde würde jetzt anonymisiert (kein Termin seit {date}).</numerusform>
            <numerusform>%n Kunden würden jetzt anonymisiert (kein Termin seit {date}).</numerusform>
        </translation>
    </message>
    <message>
        <source>✓ Saved</source>
        <translation>✓ Gespeichert</translation>
    </message>
</context>
<context>
    <name>RunNowRow</name>
    <message>
        <source>R&amp;un now</source>
        <translation>&amp;Jetzt ausführen</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Wird ausgeführt …</translation>
    </message>
    <message>
        <source>All automatic messages are switched off: nothing to do.</source>
        <translation>Alle automatischen Nachrichten sind ausgeschaltet: nichts zu tun.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued</source>
        <translation>
            <numerusform>%n Nachricht eingereiht</numerusform>
            <numerusform>%n Nachrichten eingereiht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already sent</source>
        <translation>
            <numerusform>%n schon gesendet</numerusform>
            <numerusform>%n schon gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not allowed</source>
        <translation>
            <numerusform>%n nicht erlaubt</numerusform>
            <numerusform>%n nicht erlaubt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n passed over</source>
        <translation>
            <numerusform>%n übersprungen</numerusform>
            <numerusform>%n übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}: switched off</source>
        <translation>{name}: ausgeschaltet</translation>
    </message>
    <message numerus="yes">
        <source>{name}: %n queued</source>
        <translation>
            <numerusform>{name}: %n eingereiht</numerusform>
            <numerusform>{name}: %n eingereiht</numerusform>
        </translation>
    </message>
    <message>
        <source>{line}; not sent: {reasons}</source>
        <translation>{line}; nicht gesendet: {reasons}</translation>
    </message>
</context>
<context>
    <name>SalonPage</name>
    <message>
        <source>The salon</source>
        <translation>Der Salon</translation>
    </message>
    <message>
        <source>Name, phone and postal address are the imprint of advertising emails; the sender name is what text messages show.</source>
        <translation>Name, Telefon und Anschrift bilden das Impressum von Werbe-E-Mails; der Absendername steht über SMS.</translation>
    </message>
</context>
<context>
    <name>SalonTab</name>
    <message>
        <source>e.g. HaarWerk</source>
        <translation>z. B. HaarWerk</translation>
    </message>
    <message>
        <source>e.g. 0221 1234567</source>
        <translation>z. B. 0221 1234567</translation>
    </message>
    <message>
        <source>e.g. Hauptstraße 12, 50667 Köln</source>
        <translation>z. B. Hauptstraße 12, 50667 Köln</translation>
    </message>
    <message>
        <source>Same as this computer</source>
        <translation>Wie dieser Computer</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Salon &amp;name:</source>
        <translation>&amp;Name des Salons:</translation>
    </message>
    <message>
        <source>Shown as the sender of text messages: up to 11 letters (no umlauts), digits or spaces. Leave empty to use the gateway&apos;s default.</source>
        <translation>Wird bei SMS als Absender angezeigt: bis zu 11 Buchstaben (ohne Umlaute), Ziffern oder Leerzeichen. Leer lassen, um die Vorgabe des Gateways zu verwenden.</translation>
    </message>
    <message>
        <source>&amp;Sender name:</source>
        <translation>&amp;Absendername:</translation>
    </message>
    <message>
        <source>Printed in the imprint of advertising emails; also the placeholder {{ salon_phone }} (a campaign that uses it cannot be sent while it is empty).</source>
        <translation>Steht im Impressum von Werbe-E-Mails; auch der Platzhalter {{ salon_phone }} (eine Kampagne, die ihn nutzt, kann ohne Telefonnummer nicht gesendet werden).</translation>
    </message>
    <message>
        <source>Printed with the salon&apos;s name and phone as the imprint of every advertising email, which cannot be sent while it is empty; also the placeholder {{ salon_address }}.</source>
        <translation>Steht mit Name und Telefon des Salons im Impressum jeder Werbe-E-Mail, die ohne Anschrift nicht gesendet werden kann; auch der Platzhalter {{ salon_address }}.</translation>
    </message>
    <message>
        <source>Salon &amp;phone:</source>
        <translation>&amp;Telefon des Salons:</translation>
    </message>
    <message>
        <source>Salon &amp;address:</source>
        <translation>A&amp;dresse des Salons:</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>A new language or time zone applies after Salon Desk is restarted.</source>
        <translation>Eine neue Sprache oder Zeitzone gilt nach einem Neustart von Salon Desk.</translation>
    </message>
    <message>
        <source>&amp;Language of the app:</source>
        <translation>&amp;Sprache der App:</translation>
    </message>
    <message>
        <source>App&amp;earance:</source>
        <translation>&amp;Erscheinungsbild:</translation>
    </message>
    <message>
        <source>Please enter the salon&apos;s name.</source>
        <translation>Bitte den Namen des Salons eingeben.</translation>
    </message>
    <message>
        <source>Use at most 11 letters A–Z (no umlauts), digits or spaces.</source>
        <translation>Höchstens 11 Buchstaben A–Z (ohne Umlaute), Ziffern oder Leerzeichen verwenden.</translation>
    </message>
    <message>
        <source>Choose a time zone from the list.</source>
        <translation>Bitte eine Zeitzone aus der Liste wählen.</translation>
    </message>
</context>
<context>
    <name>SendConfirmation</name>
    <message>
        <source>Send campaign</source>
        <translation>Kampagne senden</translation>
    </message>
    <message numerus="yes">
        <source>Send “{name}” to %n customer(s) now?</source>
        <translation>
            <numerusform>„{name}“ jetzt an %n Kunden senden?</numerusform>
            <numerusform>„{name}“ jetzt an %n Kunden senden?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send “{name}” to %n customer(s) on {time}?</source>
        <translation>
            <numerusform>„{name}“ am {time} an %n Kunden senden?</numerusform>
            <numerusform>„{name}“ am {time} an %n Kunden senden?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) are left out (see the list in step 2).</source>
        <translation>
            <numerusform>%n Kunde ist ausgeschlossen (siehe Liste in Schritt 2).</numerusform>
            <numerusform>%n Kunden sind ausgeschlossen (siehe Liste in Schritt 2).</numerusform>
        </translation>
    </message>
    <message>
        <source>The SMS cost about {price}.</source>
        <translation>Die SMS kosten ca. {price}.</translation>
    </message>
    <message>
        <source>Every message carries its unsubscribe link.</source>
        <translation>Jede Nachricht enthält ihren Abmelde-Link.</translation>
    </message>
    <message>
        <source>The text contains words that look like advertising ({words}), which service information must not contain. Send it only if it advertises nothing.</source>
        <translation>Der Text enthält Wörter, die nach Werbung klingen ({words}); Serviceinformationen dürfen keine Werbung enthalten. Nur senden, wenn er für nichts wirbt.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Planen</translation>
    </message>
</context>
<context>
    <name>SendStep</name>
    <message>
        <source>4 · Send</source>
        <translation>4 · Senden</translation>
    </message>
    <message>
        <source>Sc&amp;hedule for</source>
        <translation>&amp;Geplant für</translation>
    </message>
    <message>
        <source>Send no&amp;w</source>
        <translation>Sofort sen&amp;den</translation>
    </message>
    <message>
        <source>Sen&amp;d…</source>
        <translation>&amp;Senden…</translation>
    </message>
    <message>
        <source>Sche&amp;dule…</source>
        <translation>&amp;Planen…</translation>
    </message>
    <message numerus="yes">
        <source>Goes out with the next sync to %n customer(s).</source>
        <translation>
            <numerusform>Geht mit dem nächsten Abgleich an %n Kunden.</numerusform>
            <numerusform>Geht mit dem nächsten Abgleich an %n Kunden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Goes out on {time} to %n customer(s).</source>
        <translation>
            <numerusform>Geht am {time} an %n Kunden.</numerusform>
            <numerusform>Geht am {time} an %n Kunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>SMS cost about {price}.</source>
        <translation>SMS-Kosten ca. {price}.</translation>
    </message>
    <message>
        <source>%v of %m queued</source>
        <translation>%v von %m eingereiht</translation>
    </message>
</context>
<context>
    <name>SeriesCancelQuestion</name>
    <message>
        <source>Cancel recurring appointment</source>
        <translation>Serientermin absagen</translation>
    </message>
    <message>
        <source>This appointment is part of a series. Cancel which?</source>
        <translation>Dieser Termin gehört zu einer Serie. Welche absagen?</translation>
    </message>
    <message>
        <source>&amp;Only this one</source>
        <translation>&amp;Nur diesen</translation>
    </message>
    <message>
        <source>This and &amp;all following</source>
        <translation>Diesen und &amp;alle folgenden</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>&amp;Behalten</translation>
    </message>
</context>
<context>
    <name>SeriesChangeQuestion</name>
    <message>
        <source>Change recurring appointment</source>
        <translation>Serientermin ändern</translation>
    </message>
    <message>
        <source>This appointment is part of a series. Change which?</source>
        <translation>Dieser Termin gehört zu einer Serie. Welche ändern?</translation>
    </message>
    <message>
        <source>This and &amp;all following</source>
        <translation>Diesen und &amp;alle folgenden</translation>
    </message>
    <message>
        <source>&amp;Keep as it was</source>
        <translation>So &amp;lassen</translation>
    </message>
</context>
<context>
    <name>SeriesConflictsDialog</name>
    <message>
        <source>Recurring appointment: conflicts</source>
        <translation>Serientermin: Überschneidungen</translation>
    </message>
    <message numerus="yes">
        <source>%n of the appointments cannot be moved to their new time:</source>
        <translation>
            <numerusform>%n Termin kann nicht auf seine neue Zeit verschoben werden:</numerusform>
            <numerusform>%n Termine können nicht auf ihre neue Zeit verschoben werden:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the appointments cannot be booked at their time:</source>
        <translation>
            <numerusform>%n Termin kann nicht zu seiner Zeit gebucht werden:</numerusform>
            <numerusform>%n Termine können nicht zu ihrer Zeit gebucht werden:</numerusform>
        </translation>
    </message>
    <message>
        <source>{booked} of {total} are free.</source>
        <translation>{booked} von {total} sind frei.</translation>
    </message>
    <message>
        <source>&amp;Book series</source>
        <translation>Serie &amp;buchen</translation>
    </message>
    <message>
        <source>&amp;Change series</source>
        <translation>Serie ä&amp;ndern</translation>
    </message>
    <message>
        <source>{n} of {total}: {when}</source>
        <translation>{n} von {total}: {when}</translation>
    </message>
    <message>
        <source>Proposed: {when}</source>
        <translation>Vorschlag: {when}</translation>
    </message>
    <message>
        <source>No free time found in the week after.</source>
        <translation>In der Woche danach ist keine Zeit frei.</translation>
    </message>
    <message>
        <source>Accept proposal</source>
        <translation>Vorschlag annehmen</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Auslassen</translation>
    </message>
    <message>
        <source>Leave as it is</source>
        <translation>Unverändert lassen</translation>
    </message>
    <message>
        <source>Other time</source>
        <translation>Andere Zeit</translation>
    </message>
</context>
<context>
    <name>SeriesList</name>
    <message>
        <source>Repeats</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienstleistung</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Übrig</translation>
    </message>
    <message>
        <source>&amp;Cancel the rest…</source>
        <translation>Rest &amp;absagen…</translation>
    </message>
    <message>
        <source>Cancel the series&apos; next appointment and every later one</source>
        <translation>Den nächsten Termin der Serie und alle späteren absagen</translation>
    </message>
    <message numerus="yes">
        <source>every %n week(s)</source>
        <translation>
            <numerusform>jede Woche</numerusform>
            <numerusform>alle %n Wochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n month(s)</source>
        <translation>
            <numerusform>jeden Monat</numerusform>
            <numerusform>alle %n Monate</numerusform>
        </translation>
    </message>
    <message>
        <source>1st</source>
        <translation>1.</translation>
    </message>
    <message>
        <source>2nd</source>
        <translation>2.</translation>
    </message>
    <message>
        <source>3rd</source>
        <translation>3.</translation>
    </message>
    <message>
        <source>4th</source>
        <translation>4.</translation>
    </message>
    <message>
        <source>last</source>
        <translation>letzter</translation>
    </message>
    <message>
        <source>{nth} {weekday}</source>
        <translation>{nth} {weekday}</translation>
    </message>
    <message>
        <source>{every}, {weekday} {time}</source>
        <translation>{every}, {weekday} {time}</translation>
    </message>
    <message>
        <source>{left} of {total} remaining</source>
        <translation>{left} von {total} übrig</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>Cancel the rest of the series</source>
        <translation>Rest der Serie absagen</translation>
    </message>
    <message numerus="yes">
        <source>Cancel the %n remaining appointment(s) of this series, from {when} on? The customer is told as for each single cancellation.</source>
        <translation>
            <numerusform>Den verbleibenden Termin dieser Serie ab {when} absagen? Die Kundin oder der Kunde wird wie bei jeder einzelnen Absage benachrichtigt.</numerusform>
            <numerusform>Die %n verbleibenden Termine dieser Serie ab {when} absagen? Die Kundin oder der Kunde wird wie bei jeder einzelnen Absage benachrichtigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serien</translation>
    </message>
</context>
<context>
    <name>ServiceLegend</name>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n weitere</numerusform>
            <numerusform>+%n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message>
        <source>Services</source>
        <translation>Leistungen</translation>
    </message>
    <message>
        <source>At least one service, so that a booking can say what is done. Categories, colours and descriptions can follow under Settings ▸ Services.</source>
        <translation>Mindestens eine Leistung, damit eine Buchung sagt, was gemacht wird. Kategorien, Farben und Beschreibungen folgen unter Einstellungen ▸ Leistungen.</translation>
    </message>
    <message>
        <source>e.g. Damenhaarschnitt</source>
        <translation>z. B. Damenhaarschnitt</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Service, duration, price (€):</source>
        <translation>&amp;Leistung, Dauer, Preis (€):</translation>
    </message>
    <message>
        <source>Del removes the selected service from the list.</source>
        <translation>Entf nimmt die gewählte Leistung aus der Liste.</translation>
    </message>
    <message>
        <source>Please enter the service&apos;s name.</source>
        <translation>Bitte den Namen der Leistung eingeben.</translation>
    </message>
    <message>
        <source>{name} – {minutes} min – {price} €</source>
        <translation>{name} – {minutes} Min. – {price} €</translation>
    </message>
    <message>
        <source>Add at least one service.</source>
        <translation>Bitte mindestens eine Leistung hinzufügen.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Salon</source>
        <translation>Salon</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Öffnungszeiten</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>Arbeitszeiten</translation>
    </message>
    <message>
        <source>Closed days</source>
        <translation>Schließtage</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Leistungen</translation>
    </message>
    <message>
        <source>Online booking</source>
        <translation>Online-Buchung</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <source>Data protection</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <source>Save salon, opening hours and gateway</source>
        <translation>Salon, Öffnungszeiten und Gateway speichern</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>SetupAssistant</name>
    <message>
        <source>Setting up Salon Desk</source>
        <translation>Salon Desk einrichten</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; Zu&amp;rück</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>Weiter &gt;</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>SetupPages</name>
    <message>
        <source>“{name}” is in the list already.</source>
        <translation>„{name}“ steht schon in der Liste.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>New booking</source>
        <translation>Neuer Termin</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>Kunde suchen</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Next day</source>
        <translation>Nächster Tag</translation>
    </message>
    <message>
        <source>Previous day</source>
        <translation>Vorheriger Tag</translation>
    </message>
    <message>
        <source>Go to a day (month)</source>
        <translation>Zu einem Tag springen (Monat)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Show calendar</source>
        <translation>Kalender anzeigen</translation>
    </message>
    <message>
        <source>Show customers</source>
        <translation>Kunden anzeigen</translation>
    </message>
    <message>
        <source>Show marketing</source>
        <translation>Marketing anzeigen</translation>
    </message>
    <message>
        <source>Show outbox</source>
        <translation>Postausgang anzeigen</translation>
    </message>
    <message>
        <source>Show online requests</source>
        <translation>Online-Anfragen zeigen</translation>
    </message>
    <message>
        <source>Sync with the gateway now</source>
        <translation>Jetzt mit dem Gateway abgleichen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Lock the window (switch member)</source>
        <translation>Fenster sperren (Person wechseln)</translation>
    </message>
    <message>
        <source>Show these shortcuts</source>
        <translation>Diese Tastenkürzel anzeigen</translation>
    </message>
    <message>
        <source>Open the menu bar</source>
        <translation>Menüleiste öffnen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Calendar: open the appointment or book the free time</source>
        <translation>Kalender: Termin öffnen oder die freie Zeit buchen</translation>
    </message>
    <message>
        <source>Calendar: menu of the appointment</source>
        <translation>Kalender: Menü des Termins</translation>
    </message>
    <message>
        <source>A</source>
        <translation>E</translation>
    </message>
    <message>
        <source>Calendar: mark as arrived</source>
        <translation>Kalender: als erschienen markieren</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Calendar: mark as no-show</source>
        <translation>Kalender: als nicht erschienen markieren</translation>
    </message>
    <message>
        <source>Calendar: cancel the appointment</source>
        <translation>Kalender: Termin stornieren</translation>
    </message>
    <message>
        <source>Calendar: move the appointment 15 minutes earlier</source>
        <translation>Kalender: Termin 15 Minuten früher</translation>
    </message>
    <message>
        <source>Calendar: move the appointment 15 minutes later</source>
        <translation>Kalender: Termin 15 Minuten später</translation>
    </message>
    <message>
        <source>Calendar: move the appointment to the previous staff member or day</source>
        <translation>Kalender: Termin zur vorigen Mitarbeiterin bzw. zum Vortag</translation>
    </message>
    <message>
        <source>Calendar: move the appointment to the next staff member or day</source>
        <translation>Kalender: Termin zur nächsten Mitarbeiterin bzw. zum nächsten Tag</translation>
    </message>
    <message>
        <source>Calendar: make the appointment 15 minutes shorter</source>
        <translation>Kalender: Termin 15 Minuten kürzer</translation>
    </message>
    <message>
        <source>Calendar: make the appointment 15 minutes longer</source>
        <translation>Kalender: Termin 15 Minuten länger</translation>
    </message>
    <message>
        <source>Calendar: cursor to the next appointment</source>
        <translation>Kalender: Cursor zum nächsten Termin</translation>
    </message>
    <message>
        <source>Calendar: cursor to the previous appointment</source>
        <translation>Kalender: Cursor zum vorigen Termin</translation>
    </message>
    <message>
        <source>Calendar: cursor a quarter hour up or down, a column left or right</source>
        <translation>Kalender: Cursor eine Viertelstunde hoch oder runter, eine Spalte nach links oder rechts</translation>
    </message>
    <message>
        <source>Calendar: cursor an hour up or down, to the day&apos;s start or end</source>
        <translation>Kalender: Cursor eine Stunde hoch oder runter, zum Anfang oder Ende des Tages</translation>
    </message>
    <message>
        <source>Customers: book an appointment for the customer shown</source>
        <translation>Kunden: Termin für die angezeigte Person buchen</translation>
    </message>
    <message>
        <source>Online requests: book the selected request</source>
        <translation>Online-Anfragen: gewählte Anfrage buchen</translation>
    </message>
    <message>
        <source>Online requests: refuse the selected request</source>
        <translation>Online-Anfragen: gewählte Anfrage ablehnen</translation>
    </message>
    <message>
        <source>Online requests: reload (and sync with the gateway)</source>
        <translation>Online-Anfragen: neu laden (und mit dem Gateway abgleichen)</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Type your PIN and press Enter, or pick your name first.</source>
        <translation>Geben Sie Ihre PIN ein und drücken Sie Enter, oder wählen Sie zuerst Ihren Namen.</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>{name} was signed in. Type your PIN to go on, or another member&apos;s PIN to switch.</source>
        <translation>{name} war angemeldet. Mit Ihrer PIN geht es weiter, mit der PIN einer anderen Person wird gewechselt.</translation>
    </message>
    <message>
        <source>No member has a PIN yet: the owner sets them in the settings.</source>
        <translation>Noch niemand hat eine PIN: Die Inhaberin oder der Inhaber vergibt sie in den Einstellungen.</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <source>&amp;PIN of {name}</source>
        <translation>&amp;PIN von {name}</translation>
    </message>
    <message>
        <source>A PIN has 4 to 8 digits.</source>
        <translation>Eine PIN hat 4 bis 8 Ziffern.</translation>
    </message>
    <message>
        <source>Checking the PIN…</source>
        <translation>PIN wird geprüft …</translation>
    </message>
    <message>
        <source>Sign-in by PIN alone is locked until {time} (too many unknown PINs). Pick your name, then type your PIN.</source>
        <translation>Anmeldung nur mit PIN gesperrt bis {time} (zu viele unbekannte PINs). Wählen Sie Ihren Namen und geben Sie dann Ihre PIN ein.</translation>
    </message>
    <message>
        <source>Locked until {time}: too many wrong PINs. The owner can reset the PIN.</source>
        <translation>Gesperrt bis {time}: zu viele falsche PINs. Die Inhaberin oder der Inhaber kann die PIN zurücksetzen.</translation>
    </message>
    <message>
        <source>Unknown PIN – {count} more tries before sign-in by PIN alone locks.</source>
        <translation>Unbekannte PIN – noch {count} Versuche, dann ist die Anmeldung nur mit PIN gesperrt.</translation>
    </message>
    <message>
        <source>Wrong PIN – one more try before this member is locked.</source>
        <translation>Falsche PIN – noch ein Versuch, dann ist diese Person gesperrt.</translation>
    </message>
    <message>
        <source>Wrong PIN – {count} more tries before this member is locked.</source>
        <translation>Falsche PIN – noch {count} Versuche, dann ist diese Person gesperrt.</translation>
    </message>
</context>
<context>
    <name>SignedInBadge</name>
    <message>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Lock the window ({keys})</source>
        <translation>Fenster sperren ({keys})</translation>
    </message>
    <message>
        <source>Signed in: {name} ({role})</source>
        <translation>Angemeldet: {name} ({role})</translation>
    </message>
    <message>
        <source>Shared sign-in</source>
        <translation>Gemeinsame Anmeldung</translation>
    </message>
</context>
<context>
    <name>StaffChoice</name>
    <message>
        <source>Choose a staff member</source>
        <translation>Mitarbeiter wählen</translation>
    </message>
    <message>
        <source>Whoever is free</source>
        <translation>Wer frei ist</translation>
    </message>
</context>
<context>
    <name>StaffHoursTab</name>
    <message>
        <source>&amp;Own working hours (otherwise the opening hours)</source>
        <translation>&amp;Eigene Arbeitszeiten (sonst die Öffnungszeiten)</translation>
    </message>
    <message>
        <source>Save &amp;working hours</source>
        <translation>Arbeits&amp;zeiten speichern</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>&amp;Remove absence</source>
        <translation>Abwesenheit ent&amp;fernen</translation>
    </message>
    <message>
        <source>e.g. Holiday</source>
        <translation>z. B. Urlaub</translation>
    </message>
    <message>
        <source>Add a&amp;bsence</source>
        <translation>Ab&amp;wesenheit eintragen</translation>
    </message>
    <message>
        <source>Staff &amp;member:</source>
        <translation>&amp;Mitarbeiter:in:</translation>
    </message>
    <message>
        <source>Absences (whole days, from today on):</source>
        <translation>Abwesenheiten (ganze Tage, ab heute):</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>Bi&amp;s:</translation>
    </message>
    <message>
        <source>Changes on this page are saved at once.</source>
        <translation>Änderungen auf dieser Seite werden sofort gespeichert.</translation>
    </message>
    <message>
        <source>The working hours were saved.</source>
        <translation>Die Arbeitszeiten wurden gespeichert.</translation>
    </message>
    <message>
        <source>This staff member works the opening hours.</source>
        <translation>Diese Person arbeitet zu den Öffnungszeiten.</translation>
    </message>
    <message>
        <source>The absences were saved.</source>
        <translation>Die Abwesenheiten wurden gespeichert.</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>The team</source>
        <translation>Das Team</translation>
    </message>
    <message>
        <source>You are the owner: your PIN signs you in when the salon signs in personally. Add the others now or later under Settings ▸ Staff.</source>
        <translation>Sie sind die Inhaberin bzw. der Inhaber: Mit Ihrer PIN melden Sie sich an, wenn der Salon persönlich anmeldet. Die anderen jetzt oder später unter Einstellungen ▸ Mitarbeiter hinzufügen.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Ihr Name:</translation>
    </message>
    <message>
        <source>Your PIN:</source>
        <translation>Ihre PIN:</translation>
    </message>
    <message>
        <source>&amp;More staff:</source>
        <translation>&amp;Weitere im Team:</translation>
    </message>
    <message>
        <source>Del removes the selected member from the list.</source>
        <translation>Entf nimmt die gewählte Person aus der Liste.</translation>
    </message>
    <message>
        <source>Please enter your name.</source>
        <translation>Bitte Ihren Namen eingeben.</translation>
    </message>
    <message>
        <source>Type the same PIN of 4 to 8 digits in both fields.</source>
        <translation>Bitte in beide Felder dieselbe PIN mit 4 bis 8 Ziffern eingeben.</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <source>Owner</source>
        <translation>Inhaber/in</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Filialleitung</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>Empfang</translation>
    </message>
    <message>
        <source>Stylist</source>
        <translation>Friseur/in</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Bookable online</source>
        <translation>Online buchbar</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Customers can choose this staff member on the booking page</source>
        <translation>Die Kundschaft kann diese Person auf der Buchungsseite wählen</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>Set &amp;PIN…</source>
        <translation>&amp;PIN setzen…</translation>
    </message>
    <message>
        <source>Give &amp;role</source>
        <translation>&amp;Rolle geben</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>New staff member:</source>
        <translation>Neue Mitarbeiterin / neuer Mitarbeiter:</translation>
    </message>
    <message>
        <source>Changes on this page are saved at once.</source>
        <translation>Änderungen auf dieser Seite werden sofort gespeichert.</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Gesetzt</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>{name} can be chosen on the booking page.</source>
        <translation>{name} ist auf der Buchungsseite wählbar.</translation>
    </message>
    <message>
        <source>{name} can no longer be chosen on the booking page.</source>
        <translation>{name} ist auf der Buchungsseite nicht mehr wählbar.</translation>
    </message>
    <message>
        <source>&amp;Activate again</source>
        <translation>Wieder &amp;aktivieren</translation>
    </message>
    <message>
        <source>Please enter the new staff member&apos;s name.</source>
        <translation>Bitte den Namen der neuen Mitarbeiterin / des neuen Mitarbeiters eingeben.</translation>
    </message>
    <message>
        <source>{name} was added.</source>
        <translation>{name} wurde hinzugefügt.</translation>
    </message>
    <message>
        <source>{name} can be booked again.</source>
        <translation>{name} kann wieder gebucht werden.</translation>
    </message>
    <message numerus="yes">
        <source>{name} can no longer be booked but still has %n upcoming appointment(s): move or cancel them in the calendar.</source>
        <translation>
            <numerusform>{name} kann nicht mehr gebucht werden, hat aber noch %n anstehenden Termin: bitte im Kalender verschieben oder absagen.</numerusform>
            <numerusform>{name} kann nicht mehr gebucht werden, hat aber noch %n anstehende Termine: bitte im Kalender verschieben oder absagen.</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} can no longer be booked.</source>
        <translation>{name} kann nicht mehr gebucht werden.</translation>
    </message>
    <message>
        <source>Set or reset the PIN of the selected member</source>
        <translation>Die PIN des gewählten Mitglieds setzen oder zurücksetzen</translation>
    </message>
    <message>
        <source>The role of the selected member</source>
        <translation>Die Rolle des gewählten Mitglieds</translation>
    </message>
    <message>
        <source>{name} has a new PIN.</source>
        <translation>{name} hat eine neue PIN.</translation>
    </message>
    <message>
        <source>{name} is now: {role}.</source>
        <translation>{name} ist jetzt: {role}.</translation>
    </message>
</context>
<context>
    <name>TestSendControl</name>
    <message>
        <source>Send a &amp;test to me</source>
        <translation>Test an mi&amp;ch senden</translation>
    </message>
    <message>
        <source>Set up a gateway first (Settings)</source>
        <translation>Erst ein Gateway einrichten (Einstellungen)</translation>
    </message>
    <message>
        <source>Sending the test…</source>
        <translation>Test wird gesendet…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Fix the problems in the content (step 3) first.</source>
        <translation>Bitte zuerst die Fehler im Inhalt (Schritt 3) beheben.</translation>
    </message>
    <message>
        <source>Still missing: {fields}.</source>
        <translation>Es fehlt noch: {fields}.</translation>
    </message>
    <message>
        <source>Sends this campaign once to your own email address or mobile number (“Automations” tab), filled in as for the first recipient. No customer gets it.</source>
        <translation>Schickt diese Kampagne einmal an Ihre eigene E-Mail-Adresse bzw. Handynummer (Reiter „Automatisierungen“), ausgefüllt wie für den ersten Empfänger. Kein Kunde bekommt sie.</translation>
    </message>
    <message>
        <source>The gateway refused the test to {address} ({reason}).</source>
        <translation>Das Gateway hat den Test an {address} abgelehnt ({reason}).</translation>
    </message>
    <message>
        <source>Test sent to {address}.</source>
        <translation>Test an {address} gesendet.</translation>
    </message>
    <message>
        <source>The gateway cannot be reached: the test was not sent. Try again later.</source>
        <translation>Das Gateway ist nicht erreichbar: Der Test wurde nicht gesendet. Bitte später noch einmal versuchen.</translation>
    </message>
    <message>
        <source>The gateway has a problem: the test was not sent. Try again later.</source>
        <translation>Das Gateway hat ein Problem: Der Test wurde nicht gesendet. Bitte später noch einmal versuchen.</translation>
    </message>
    <message>
        <source>Enter it on the “Automations” tab.</source>
        <translation>Eintragen können Sie sie im Reiter „Automatisierungen“.</translation>
    </message>
</context>
<context>
    <name>TimeGridCanvas</name>
    <message>
        <source>{start}–{end} with {staff}</source>
        <translation>{start}–{end} bei {staff}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>Booked online by the customer</source>
        <translation>Von der Kundin / dem Kunden online gebucht</translation>
    </message>
    <message>
        <source>No confirmation or reminder is sent.</source>
        <translation>Es werden keine Bestätigung und keine Erinnerung gesendet.</translation>
    </message>
</context>
<context>
    <name>TimeGridPainting</name>
    <message>
        <source>Break</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Abwesend</translation>
    </message>
    <message>
        <source>{kind}: {note}</source>
        <translation>{kind}: {note}</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Erschienen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Nicht erschienen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>{start} {service} · {customer}</source>
        <translation>{start} {service} · {customer}</translation>
    </message>
    <message>
        <source>{start} {service}</source>
        <translation>{start} {service}</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <source>{start}–{end}</source>
        <translation>{start}–{end}</translation>
    </message>
    <message>
        <source>Salon closed: {note}</source>
        <translation>Salon geschlossen: {note}</translation>
    </message>
    <message>
        <source>Salon closed</source>
        <translation>Salon geschlossen</translation>
    </message>
    <message>
        <source>No confirmation</source>
        <translation>Keine Bestätigung</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
</context>
<context>
    <name>TreatmentsTab</name>
    <message>
        <source>Rose</source>
        <translation>Rosé</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>Pink</translation>
    </message>
    <message>
        <source>Lilac</source>
        <translation>Flieder</translation>
    </message>
    <message>
        <source>Light blue</source>
        <translation>Hellblau</translation>
    </message>
    <message>
        <source>Steel blue</source>
        <translation>Stahlblau</translation>
    </message>
    <message>
        <source>Mint</source>
        <translation>Mint</translation>
    </message>
    <message>
        <source>Light yellow</source>
        <translation>Hellgelb</translation>
    </message>
    <message>
        <source>Apricot</source>
        <translation>Apricot</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Grau</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>Bookable online</source>
        <translation>Online buchbar</translation>
    </message>
    <message>
        <source>Customers can choose this service on the booking page</source>
        <translation>Die Kundschaft kann diese Leistung auf der Buchungsseite wählen</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>e.g. 35,50</source>
        <translation>z. B. 35,50</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Shown on the booking page, e.g. “Wash, cut and blow-dry”</source>
        <translation>Auf der Buchungsseite gezeigt, z. B. „Waschen, Schneiden, Föhnen“</translation>
    </message>
    <message>
        <source>&amp;Add as new service</source>
        <translation>Als neue Leistung &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>Änderungen &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Remove from the menu</source>
        <translation>Aus dem &amp;Angebot nehmen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Price (€)</source>
        <translation>Preis (€)</translation>
    </message>
    <message>
        <source>&amp;Description for the booking page:</source>
        <translation>&amp;Beschreibung für die Buchungsseite:</translation>
    </message>
    <message>
        <source>&amp;Processing time (the stylist is free meanwhile):</source>
        <translation>&amp;Einwirkzeit (währenddessen frei für andere):</translation>
    </message>
    <message>
        <source>starts after &amp;work of</source>
        <translation>beginnt nach Arbeit &amp;von</translation>
    </message>
    <message>
        <source>Changes on this page are saved at once.</source>
        <translation>Änderungen auf dieser Seite werden sofort gespeichert.</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} Min.</translation>
    </message>
    <message>
        <source>{minutes} min ({processing} processing)</source>
        <translation>{minutes} Min. ({processing} Einwirkzeit)</translation>
    </message>
    <message>
        <source>As before</source>
        <translation>Wie bisher</translation>
    </message>
    <message>
        <source>Please enter a name.</source>
        <translation>Bitte einen Namen eingeben.</translation>
    </message>
    <message>
        <source>{name} was added.</source>
        <translation>{name} wurde hinzugefügt.</translation>
    </message>
    <message>
        <source>{name} was changed.</source>
        <translation>{name} wurde geändert.</translation>
    </message>
    <message>
        <source>{name} can be booked online.</source>
        <translation>{name} ist online buchbar.</translation>
    </message>
    <message>
        <source>{name} can no longer be booked online.</source>
        <translation>{name} ist nicht mehr online buchbar.</translation>
    </message>
    <message>
        <source>{name} is no longer offered; past appointments keep it.</source>
        <translation>{name} wird nicht mehr angeboten; bisherige Termine behalten die Leistung.</translation>
    </message>
</context>
<context>
    <name>TypeStep</name>
    <message>
        <source>1 · Type</source>
        <translation>1 · Art</translation>
    </message>
    <message>
        <source>Only for you, e.g. “Autumn offer 2026”</source>
        <translation>Nur für Sie, z. B. „Herbstaktion 2026“</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>A&amp;rt:</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Kanal:</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Be&amp;zeichnung:</translation>
    </message>
    <message>
        <source>Similar offers may only be sent by email.</source>
        <translation>Ähnliche Angebote dürfen nur per E-Mail gesendet werden.</translation>
    </message>
</context>
<context>
    <name>UndoButtons</name>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
</context>
<context>
    <name>VisitList</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Upcoming appointment</source>
        <translation>Kommender Termin</translation>
    </message>
    <message>
        <source>{service} · {n} of {total}</source>
        <translation>{service} · {n} von {total}</translation>
    </message>
    <message>
        <source>Cancelled late</source>
        <translation>Kurzfristig abgesagt</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Anwesend</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Nicht erschienen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgesagt</translation>
    </message>
</context>
<context>
    <name>WaitlistDialog</name>
    <message>
        <source>Add to the waitlist</source>
        <translation>Auf die Warteliste setzen</translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Kunde:</translation>
    </message>
    <message>
        <source>Mo</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>Tu</source>
        <translation>Di</translation>
    </message>
    <message>
        <source>We</source>
        <translation>Mi</translation>
    </message>
    <message>
        <source>Th</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Fr</source>
        <translation>Fr</translation>
    </message>
    <message>
        <source>Sa</source>
        <translation>Sa</translation>
    </message>
    <message>
        <source>Su</source>
        <translation>So</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>We call (no automatic offers)</source>
        <translation>Wir rufen an (keine automatischen Angebote)</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Leistung:</translation>
    </message>
    <message>
        <source>S&amp;taff member:</source>
        <translation>&amp;Mitarbeiter/in:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>Unti&amp;l:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>&amp;Weekdays (none: any day):</source>
        <translation>&amp;Wochentage (keine: jeder Tag):</translation>
    </message>
    <message>
        <source>T&amp;imes on those days:</source>
        <translation>&amp;Uhrzeit an diesen Tagen:</translation>
    </message>
    <message>
        <source>&amp;Offers by:</source>
        <translation>&amp;Angebote per:</translation>
    </message>
    <message>
        <source>Not&amp;e:</source>
        <translation>N&amp;otiz:</translation>
    </message>
    <message>
        <source>&amp;Add to waitlist</source>
        <translation>Auf die Warteliste &amp;setzen</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Egal wer</translation>
    </message>
    <message>
        <source>The times must end after they begin.</source>
        <translation>Die Uhrzeit muss nach ihrem Beginn enden.</translation>
    </message>
</context>
<context>
    <name>WaitlistList</name>
    <message>
        <source>Service</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Uhrzeiten</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Angebote</translation>
    </message>
    <message>
        <source>Waiting since</source>
        <translation>Wartet seit</translation>
    </message>
    <message>
        <source>Take &amp;off the waitlist…</source>
        <translation>Von der Warteliste &amp;nehmen…</translation>
    </message>
    <message>
        <source>The customer no longer waits for this</source>
        <translation>Wartet nicht mehr darauf</translation>
    </message>
    <message>
        <source>{first} – {last}</source>
        <translation>{first} – {last}</translation>
    </message>
    <message>
        <source>anyone</source>
        <translation>egal</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>jederzeit</translation>
    </message>
    <message>
        <source>{start}–{end}</source>
        <translation>{start}–{end}</translation>
    </message>
    <message>
        <source>by email</source>
        <translation>per E-Mail</translation>
    </message>
    <message>
        <source>by SMS</source>
        <translation>per SMS</translation>
    </message>
    <message>
        <source>the salon calls</source>
        <translation>Salon ruft an</translation>
    </message>
    <message>
        <source>Take off the waitlist</source>
        <translation>Von der Warteliste nehmen</translation>
    </message>
    <message>
        <source>Take {name} off the waitlist for {service}? An offer already sent for it will say the time is no longer available.</source>
        <translation>{name} für {service} von der Warteliste nehmen? Ein bereits verschicktes Angebot zeigt dann, dass der Termin nicht mehr frei ist.</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Warteliste</translation>
    </message>
</context>
<context>
    <name>WaitlistMatchesPanel</name>
    <message>
        <source>&amp;Book selected</source>
        <translation>Ausgewählte &amp;buchen</translation>
    </message>
    <message>
        <source>Book the selected waiting customer (Enter)</source>
        <translation>Die ausgewählte wartende Person buchen (Eingabetaste)</translation>
    </message>
    <message numerus="yes">
        <source>{when} {time} · {staff}: %n waiting</source>
        <translation>
            <numerusform>{when} {time} · {staff}: %n wartet</numerusform>
            <numerusform>{when} {time} · {staff}: %n warten</numerusform>
        </translation>
    </message>
    <message>
        <source>{place}. {customer} – {service}</source>
        <translation>{place}. {customer} – {service}</translation>
    </message>
    <message numerus="yes">
        <source>Freed times someone on the waitlist wants: %n</source>
        <translation>
            <numerusform>Frei gewordene Zeit, auf die jemand wartet: %n</numerusform>
            <numerusform>Frei gewordene Zeiten, auf die jemand wartet: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>offers only: asked for on this entry</source>
        <translation>nur Angebote: auf diesem Eintrag gewünscht</translation>
    </message>
    <message>
        <source>The customer objected to the salon&apos;s messages. The automatic offers still go to them because they asked for them on this entry.</source>
        <translation>Die Kundin oder der Kunde hat sich von den Nachrichten des Salons abgemeldet. Die automatischen Angebote gehen trotzdem hinaus, weil sie auf diesem Eintrag gewünscht wurden.</translation>
    </message>
    <message>
        <source>The customer objected to the salon&apos;s messages and has not asked for offers at the counter since (an entry from the booking page does not count): no automatic offer goes to them. Call them, and take the wish again at the counter if they want offers.</source>
        <translation>Die Kundin oder der Kunde hat sich von den Nachrichten des Salons abgemeldet und seitdem nicht am Empfang um Angebote gebeten (ein Eintrag über die Buchungsseite zählt nicht): Automatische Angebote gehen nicht hinaus. Bitte anrufen und den Wunsch am Empfang neu aufnehmen, wenn Angebote gewünscht sind.</translation>
    </message>
    <message>
        <source>no offers: objected, please call</source>
        <translation>keine Angebote: abgemeldet, bitte anrufen</translation>
    </message>
</context>
<context>
    <name>WithdrawalDialog</name>
    <message>
        <source>Withdraw consent</source>
        <translation>Einwilligung widerrufen</translation>
    </message>
    <message>
        <source>{name} no longer wants advertising. From now on no advertising goes to the chosen channels; appointment messages are not affected.</source>
        <translation>{name} möchte keine Werbung mehr. Ab sofort geht keine Werbung mehr an die gewählten Kanäle; Terminnachrichten sind davon nicht betroffen.</translation>
    </message>
    <message>
        <source>Withdraw for</source>
        <translation>Widerrufen für</translation>
    </message>
    <message>
        <source>Wants no messages at all (“Unsubscribe”)</source>
        <translation>Möchte gar keine Nachrichten mehr („Abmelden“)</translation>
    </message>
    <message>
        <source>Then no appointment confirmations or reminders either, unless they are switched on again for a booking.</source>
        <translation>Dann auch keine Terminbestätigungen oder Erinnerungen, außer sie werden für einen Termin wieder eingeschaltet.</translation>
    </message>
    <message>
        <source>Recorded by:</source>
        <translation>Erfasst von:</translation>
    </message>
    <message>
        <source>Record withdrawal</source>
        <translation>Widerruf erfassen</translation>
    </message>
</context>
</TS>

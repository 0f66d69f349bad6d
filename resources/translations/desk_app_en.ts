<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
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
    <message numerus="yes">
        <source>%n customer(s) imported.</source>
        <translation>
            <numerusform>%n customer imported.</numerusform>
            <numerusform>%n customers imported.</numerusform>
        </translation>
    </message>
    <message>
        <source>Line {line}: {field}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) exported.</source>
        <translation>
            <numerusform>%n customer exported.</numerusform>
            <numerusform>%n customers exported.</numerusform>
        </translation>
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
        <source>Synced: {events} events applied, {accepted} messages handed over, {rejected} refused, {queued} still queued.</source>
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
        <source>Database restored from {file}.</source>
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
        <source>The {field} is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a valid email address.</source>
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
        <source>The gateway address must start with https:// (“{value}”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The opening hours “{value}” are not in the form 1=09:00-18:00.</source>
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
    <message numerus="yes">
        <source>Nothing was imported: %n row(s) have errors.</source>
        <translation>
            <numerusform>Nothing was imported: %n row has errors.</numerusform>
            <numerusform>Nothing was imported: %n rows have errors.</numerusform>
        </translation>
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
    <message>
        <source>same email or phone twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer already exists</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui</name>
    <message>
        <source>Demo gateway: messages appear at {url}</source>
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
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{section} – coming soon</source>
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
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>kt::ImportDialog</name>
        <message numerus="yes">
            <source>Checking %n entries…</source>
            <translation>
                <numerusform>Checking %n entry…</numerusform>
                <numerusform>Checking %n entries…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Importing %n accounts…</source>
            <translation>
                <numerusform>Importing %n account…</numerusform>
                <numerusform>Importing %n accounts…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n entries can be imported; </source>
            <translation>
                <numerusform>%n entry can be imported; </numerusform>
                <numerusform>%n entries can be imported; </numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n rejected (see Details).</source>
            <translation>
                <numerusform>%n rejected (see Details).</numerusform>
                <numerusform>%n rejected (see Details).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n entries can be imported.</source>
            <translation>
                <numerusform>%n entry can be imported.</numerusform>
                <numerusform>%n entries can be imported.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>kt::LogsPage</name>
        <message numerus="yes">
            <source>Exported %n requests to %1.</source>
            <translation>
                <numerusform>Exported %n request to %1.</numerusform>
                <numerusform>Exported %n requests to %1.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Showing the newest %n requests.</source>
            <translation>
                <numerusform>Showing the newest request.</numerusform>
                <numerusform>Showing the newest %n requests.</numerusform>
            </translation>
        </message>
    </context>
</TS>

#pragma once
// Where each entry of a secrets.json lies, found without building a JSON document, and only as far
// into the file as the keys asked for: the store writes "version" first and the accounts by id
// (FileSecretStore::save), so a pool of 10,000 accounts reads its first page's secrets from the
// first few kilobytes of a 2 MB file and nothing after them (on Unix the file is read in 64 kB chunks,
// and stays open meanwhile, into a buffer whose untouched pages cost nothing). A file whose "version"
// comes after its entries (as older versions wrote it) is read and checked whole first. Only the
// values read are parsed.
#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QJsonValue>

#include <memory>
#include <optional>

namespace kt {

class SecretsFileIndex
{
public:
    // False when the file cannot be read or does not start as a plain {"version": 1, "secrets": {...}}
    // object (a key with an escape, an unexpected shape or version): the caller parses it in full,
    // which says why.
    bool open(const QString &path);
    void clear();
    // nullopt: no such key; an undefined value: the entry is not valid JSON. Meaningless once failed().
    std::optional<QJsonValue> value(const QByteArray &key);
    // The file turned out not to be what open() expects after all (read past its first entries): the
    // caller parses it in full.
    bool failed() const { return m_state == State::Failed; }
    qsizetype bytesRead() const { return m_read; }

private:
    enum class State { Closed, Entries, Done, Failed };
    struct Span {
        qsizetype begin = 0;
        qsizetype size = 0;
    };
    enum class Step { Ok, End, Bad };
    class Scanner;

    bool readMore();
    template <typename Parse>
    Step parse(Parse &&step);
    bool member(Scanner &s, bool *secrets);
    Step entry(Scanner &s, QByteArrayView *key, Span *span) const;
    void nextEntry();
    bool finish();
    bool fail();

    QFile m_file;
    std::unique_ptr<char[]> m_data;   // the file's size, filled up to m_read; never reallocated
    qsizetype m_size = 0;
    qsizetype m_read = 0;
    qsizetype m_pos = 0;   // where the scan goes on
    State m_state = State::Closed;
    bool m_firstEntry = true;
    bool m_versionOne = false;
    QHash<QByteArrayView, Span> m_entries;   // the keys point into m_data
};

} // namespace kt

#pragma once
// The outcome of importing (or previewing) a batch of accounts: the detected format and one
// result per input entry, so that a bad entry is reported without blocking the good ones.
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace kt {

struct ImportEntryResult {
    int index = 0;            // position in the input (0-based)
    QString status;           // "added" | "updated" | "rejected"; preview: "new" | "duplicate" | "rejected"
    QString reason;           // why rejected, or what a duplicate matches; never a secret
    qint64 accountId = 0;     // the account added or updated (or matched, in a preview)
    QString name;
    QString authMethod;       // "social" | "idc" | "api_key"
    QString region;
    QString format;           // "kiro-ide-export" | "kiro-rs-credentials" | "kiro-pool-accounts" | "kiro-ide-cache"

    QJsonObject toJson() const;
};

struct ImportReport {
    QString format;                     // of the whole input ("mixed" when entries differ)
    QList<ImportEntryResult> entries;
    QString error;                      // the whole input is unusable (not JSON, no account in it)
    bool dryRun = false;

    int count(const QString &status) const;
    QJsonObject toJson() const;         // {"format","dryRun","error","entries":[...],"summary":{status:count}}
};

} // namespace kt

Q_DECLARE_METATYPE(kt::ImportReport)

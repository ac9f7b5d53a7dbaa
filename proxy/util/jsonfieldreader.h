#pragma once
// Reads typed fields out of a JSON object for the config and credential parsers, producing
// "field 'x' ..." messages and remembering which keys were consumed so the rest can be kept.
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace kt {

class JsonFieldReader
{
public:
    explicit JsonFieldReader(const QJsonObject &object);

    // Each reader leaves `out` unchanged when the key is absent or null, returns false and records
    // the first error when the value has the wrong type or range, and marks the key as consumed.
    bool readString(const QString &key, QString &out);
    bool readBool(const QString &key, bool &out);
    bool readInteger(const QString &key, qint64 &out, qint64 min, qint64 max);
    bool readInt(const QString &key, int &out, int min, int max);
    bool readStringList(const QString &key, QStringList &out);
    // The raw value (Undefined when absent); marks the key as consumed.
    QJsonValue take(const QString &key);
    void markConsumed(const QString &key) { m_consumed.insert(key); }

    // Records a problem for `key` ("field 'key' <problem>") unless an earlier one is already recorded.
    void fail(const QString &key, const QString &problem);
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    // Keys never read or marked, in the object's order.
    QJsonObject remaining() const;

private:
    QJsonObject m_object;
    QSet<QString> m_consumed;
    QString m_error;
};

} // namespace kt

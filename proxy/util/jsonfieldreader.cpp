#include "util/jsonfieldreader.h"

#include <QJsonArray>

#include <cmath>

namespace kt {

JsonFieldReader::JsonFieldReader(const QJsonObject &object)
    : m_object(object)
{
}

QJsonValue JsonFieldReader::take(const QString &key)
{
    m_consumed.insert(key);
    return m_object.value(key);
}

void JsonFieldReader::fail(const QString &key, const QString &problem)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("field '%1' %2").arg(key, problem);
}

bool JsonFieldReader::readString(const QString &key, QString &out)
{
    const QJsonValue v = take(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString()) {
        fail(key, QStringLiteral("must be a string"));
        return false;
    }
    out = v.toString();
    return true;
}

bool JsonFieldReader::readBool(const QString &key, bool &out)
{
    const QJsonValue v = take(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isBool()) {
        fail(key, QStringLiteral("must be true or false"));
        return false;
    }
    out = v.toBool();
    return true;
}

bool JsonFieldReader::readInteger(const QString &key, qint64 &out, qint64 min, qint64 max)
{
    const QJsonValue v = take(key);
    if (v.isUndefined() || v.isNull())
        return true;
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || d != std::floor(d)) {
        fail(key, QStringLiteral("must be an integer"));
        return false;
    }
    // Compare as doubles first so that huge values never reach an out-of-range cast.
    if (d < double(min) || d > double(max)) {
        if (min == 0 && d < 0)
            fail(key, QStringLiteral("must not be negative"));
        else
            fail(key, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
        return false;
    }
    out = qint64(d);
    return true;
}

bool JsonFieldReader::readInt(const QString &key, int &out, int min, int max)
{
    qint64 wide = out;
    if (!readInteger(key, wide, min, max))
        return false;
    out = int(wide);
    return true;
}

bool JsonFieldReader::readStringList(const QString &key, QStringList &out)
{
    const QJsonValue v = take(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isArray()) {
        fail(key, QStringLiteral("must be an array of strings"));
        return false;
    }
    QStringList list;
    const QJsonArray array = v.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString()) {
            fail(QStringLiteral("%1[%2]").arg(key).arg(i), QStringLiteral("must be a string"));
            return false;
        }
        list.append(array.at(i).toString());
    }
    out = list;
    return true;
}

QJsonObject JsonFieldReader::remaining() const
{
    QJsonObject rest;
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (!m_consumed.contains(it.key()))
            rest.insert(it.key(), it.value());
    }
    return rest;
}

} // namespace kt

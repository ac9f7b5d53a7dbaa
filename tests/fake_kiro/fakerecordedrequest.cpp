#include "fakerecordedrequest.h"

#include <QJsonDocument>

namespace kt::fake {

QByteArray RecordedRequest::header(const QByteArray &nameCaseInsensitive) const
{
    for (const auto &[name, value] : headers) {
        if (name.compare(nameCaseInsensitive, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject RecordedRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

} // namespace kt::fake

#include "server/corspreflight.h"

namespace kt {

namespace {

const QByteArray kBaseHeaders = "content-type, x-api-key, authorization, anthropic-version, anthropic-beta, "
                                "anthropic-dangerous-direct-browser-access, openai-beta, openai-organization, openai-project";

// A comma-separated list of header names (RFC 9110 tokens), nothing else.
bool isHeaderNameList(const QByteArray &list)
{
    if (list.size() > 2048)
        return false;
    for (const char c : list) {
        const bool token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!token && c != ',' && c != ' ')
            return false;
    }
    return true;
}

} // namespace

QList<QPair<QByteArray, QByteArray>> CorsPreflight::headers(const QByteArray &requestedHeaders)
{
    const QByteArray requested = requestedHeaders.trimmed().toLower();
    const QByteArray allowed = !requested.isEmpty() && isHeaderNameList(requested) ? kBaseHeaders + ", " + requested : kBaseHeaders;
    return {{"Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS"},
            {"Access-Control-Allow-Headers", allowed},
            {"Access-Control-Max-Age", "600"}};
}

QByteArray CorsPreflight::exposedHeaders()
{
    return "request-id, retry-after, kirotray-served-model";
}

} // namespace kt

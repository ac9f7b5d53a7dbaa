#include "service/credentialsmigration.h"

#include "accounts/credentialsfile.h"
#include "config/config.h"
#include "pool/accountpool.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcMigration, "kirotray.migration")

namespace kt {

CredentialsMigration::CredentialsMigration(const Config &config, AccountPool *pool, const QProcessEnvironment &environment)
    : m_config(config), m_pool(pool), m_environment(environment)
{
}

QString CredentialsMigration::loadInMemory()
{
    if (const auto env = CredentialsFile::fromEnvironment(m_environment)) {
        m_pool->setCredentials({*env}, QString(), false);
    } else if (QFileInfo::exists(m_config.credentialsFile)) {
        const auto loaded = CredentialsFile::load(m_config.credentialsFile);
        if (!loaded.error.isEmpty())
            return loaded.error;
        m_pool->setCredentials(loaded.credentials, m_config.credentialsFile, loaded.wasArray);
    }
    return {};
}

QString CredentialsMigration::migrate()
{
    const QString error = importOnce();
    restoreWriteBack();
    return error;
}

QString CredentialsMigration::importOnce()
{
    if (m_pool->setting(QStringLiteral("credentials-migrated")).isEmpty()) {
        if (m_pool->isEmpty() && QFileInfo::exists(m_config.credentialsFile)) {
            if (const QString error = importCredentialsFile(); !error.isEmpty())
                return error;
        }
        m_pool->setSetting(QStringLiteral("credentials-migrated"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    }
    addEnvironmentCredential();
    if (!m_environment.value(QStringLiteral("POOL_MODE")).isEmpty())
        qCInfo(lcMigration).noquote() << "POOL_MODE is accepted for compatibility and ignored: KiroTray always serves from its account pool";
    return {};
}

QString CredentialsMigration::importCredentialsFile()
{
    const auto loaded = CredentialsFile::load(m_config.credentialsFile);
    if (!loaded.error.isEmpty())
        return loaded.error;
    for (const QString &w : loaded.warnings)
        qCWarning(lcMigration).noquote() << w;
    QJsonArray ids;
    for (const Credential &c : loaded.credentials) {
        const auto added = m_pool->addAccount(c, c.email, false);
        if (const qint64 *id = std::get_if<qint64>(&added))
            ids.append(double(*id));
        else
            qCWarning(lcMigration).noquote() << "not imported from" << m_config.credentialsFile << ":" << std::get<QString>(added);
    }
    qCInfo(lcMigration).noquote() << QStringLiteral("imported %1 account(s) from %2 into the account pool (one-time migration)")
                                         .arg(ids.size()).arg(m_config.credentialsFile);
    const QJsonObject writeBack{{QStringLiteral("path"), m_config.credentialsFile},
                                {QStringLiteral("array"), loaded.wasArray},
                                {QStringLiteral("ids"), ids}};
    m_pool->setSetting(QStringLiteral("credentials-file"), QString::fromUtf8(QJsonDocument(writeBack).toJson(QJsonDocument::Compact)));
    return {};
}

void CredentialsMigration::addEnvironmentCredential()
{
    const auto env = CredentialsFile::fromEnvironment(m_environment);
    const QString envHash = env ? Account::hashSecret(env->refreshToken) : QString();
    if (!env || m_pool->setting(QStringLiteral("env-credential")) == envHash)
        return;
    const auto added = m_pool->addAccount(*env, QString(), false);
    if (std::holds_alternative<qint64>(added)) {
        m_pool->setSetting(QStringLiteral("env-credential"), envHash);
        qCInfo(lcMigration).noquote() << "the REFRESH_TOKEN account from the environment is in the account pool";
    }
}

void CredentialsMigration::restoreWriteBack()
{
    const QJsonObject o = QJsonDocument::fromJson(m_pool->setting(QStringLiteral("credentials-file")).toUtf8()).object();
    const QString path = o.value(QStringLiteral("path")).toString();
    if (path.isEmpty())
        return;
    QSet<qint64> ids;
    for (const QJsonValue &v : o.value(QStringLiteral("ids")).toArray())
        ids.insert(qint64(v.toDouble()));
    m_pool->setWriteBackFile(path, o.value(QStringLiteral("array")).toBool(), ids);
}

} // namespace kt

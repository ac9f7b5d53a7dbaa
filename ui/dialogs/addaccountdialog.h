#pragma once
// "Add account": one account typed in by hand (refresh token, auth method, IdC client, region),
// sent to the pool as a one-entry import so the same checks apply; closes when it was added.
#include <QDialog>
#include <QJsonObject>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace kt {

class ServiceMonitor;

class AddAccountDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddAccountDialog(ServiceMonitor *monitor, QWidget *parent = nullptr);

    // The credential object the form describes (kiro-rs credentials.json shape).
    QJsonObject credentialJson() const;
    void submit();

private:
    void updateFields();
    void onImportFinished(const QJsonObject &report);

    ServiceMonitor *m_monitor;
    bool m_waiting = false;
    QComboBox *m_method;
    QLineEdit *m_refreshToken;
    QLineEdit *m_clientId;
    QLineEdit *m_clientSecret;
    QLineEdit *m_region;
    QLabel *m_clientIdLabel;
    QLabel *m_clientSecretLabel;
    QLabel *m_message;
    QPushButton *m_add;
};

} // namespace kt

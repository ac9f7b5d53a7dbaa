#pragma once
// Sign in… : adds Kiro accounts without copying tokens. Choose a method (AWS Builder ID,
// organisation SSO, Google, GitHub, or paste a Kiro API key); the dialog shows the code to confirm
// large with Copy, opens the browser, follows the sign-in live (Cancel), and offers "Add another".
// With an account id it signs that account in again (its login is replaced).
#include "signin/signinstatus.h"

#include <QDialog>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace kt {

class ServiceMonitor;

class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    enum Choice { BuilderId, Organisation, Google, Github, ApiKey };

    SignInDialog(ServiceMonitor *monitor, qint64 accountId = 0, const QString &accountName = {}, QWidget *parent = nullptr);

    // Test hooks: pick a method, fill the organisation fields, press Sign in.
    void choose(Choice choice);
    void setOrganisation(const QString &startUrl, const QString &region);
    void setApiKey(const QString &key);
    void submit();
    void cancelSignIn();
    void addAnother();
    void pasteRedirect(const QString &address);

    bool isWaiting() const;
    SignInStatus status() const { return m_status; }
    QString userCodeText() const;
    QString stateText() const;
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *anotherButton() const { return m_another; }
    QPushButton *copyButton() const { return m_copy; }
    void done(int result) override;   // closing the dialog cancels a sign-in still waiting

private:
    QWidget *buildChoicePage();
    QWidget *buildProgressPage();
    void onStarted(int tag, const SignInStatus &status, const QString &error);
    void onChanged(const SignInStatus &status);
    void onImportFinished(const QJsonObject &report);
    void showStatus();
    void openBrowser();
    void updateChoice();
    QString describe(const SignInStatus &status) const;

    ServiceMonitor *m_monitor;
    qint64 m_accountId;
    int m_tag = 0;
    bool m_waitingForKey = false;
    SignInStatus m_status;
    QStackedWidget *m_pages;
    QButtonGroup *m_choices;
    QLineEdit *m_startUrl, *m_region, *m_apiKey, *m_paste;
    QWidget *m_orgFields, *m_keyFields, *m_pasteFields;
    QLabel *m_choiceMessage;
    QLabel *m_instruction, *m_code, *m_state, *m_link;
    QPushButton *m_signIn, *m_copy, *m_open, *m_cancel, *m_another, *m_close;
};

} // namespace kt

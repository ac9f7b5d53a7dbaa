#pragma once
// The secret stores' log category, kirotray.secrets (one definition for every file that logs there).
#include <QLoggingCategory>

namespace kt {

Q_DECLARE_LOGGING_CATEGORY(lcSecrets)

} // namespace kt

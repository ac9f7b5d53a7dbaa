#include "secrets/secretslog.h"

namespace kt {

Q_LOGGING_CATEGORY(lcSecrets, "kirotray.secrets")

} // namespace kt

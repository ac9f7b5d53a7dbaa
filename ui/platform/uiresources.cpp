#include "platform/uiresources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initKiroTrayResources()
{
    Q_INIT_RESOURCE(kirotray);
}

namespace kt {

void initUiResources()
{
    static const bool done = (initKiroTrayResources(), true);
    Q_UNUSED(done);
}

} // namespace kt

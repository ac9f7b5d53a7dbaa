#include "freeport.h"

#include <QTcpServer>

namespace kt::test {

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace kt::test

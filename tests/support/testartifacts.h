#pragma once
// Where the suites leave their data directories and captured logs for the final secret scan: the
// folder in KIROTRAY_TEST_ARTIFACTS (set by ctest), or nowhere (throw-away temporary folders).
#include <QString>

namespace kt::test {

class TestArtifacts
{
public:
    // The artifacts folder, or empty when the variable is not set.
    static QString root();
    // A QTemporaryDir template for a new data directory: under root()/<executable>/ when it is set,
    // so the folder outlives the test; otherwise the usual temporary location.
    static QString dataDirTemplate(const QString &label);
    static bool keep() { return !root().isEmpty(); }
    // Copies every Qt log message of this process into root()/<executable>/<pid>.log (once per process).
    static void captureLog();
};

} // namespace kt::test

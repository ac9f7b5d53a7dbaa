#pragma once
// An edit of an account's user-set fields, as the management API and the tray UI send it, with the
// rules its values must follow (checked here once for both faces).
#include <QString>
#include <optional>

namespace kt {

struct AccountChanges {
    static constexpr int MaxNameLength = 200;
    static constexpr int MaxPriority = 1000000000;

    std::optional<QString> name;       // trimmed; 1..MaxNameLength characters, no control characters
    std::optional<int> priority;       // 0..MaxPriority; lower is preferred by the priority strategy
    std::optional<bool> overageEnabled;

    bool isEmpty() const { return !name && !priority && !overageEnabled; }
    // What is wrong with the values, naming the field; empty when they can be applied.
    QString problem() const;
};

} // namespace kt

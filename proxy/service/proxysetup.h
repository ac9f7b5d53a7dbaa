#pragma once
// What a proxy is started with: its configuration and, when start-up already chose one (to read or
// generate the API key), the secret store for its data directory. Without a store the core chooses.
#include "config/config.h"

#include <memory>

namespace kt {

class SecretStore;

struct ProxySetup {
    ProxySetup(Config config, std::shared_ptr<SecretStore> secrets = {}) : config(std::move(config)), secrets(std::move(secrets)) {}

    Config config;
    std::shared_ptr<SecretStore> secrets;
};

} // namespace kt

#pragma once
// Registers the icons compiled into kirotray_ui (a static library, whose resources the linker
// would otherwise drop). Safe to call more than once.
namespace kt {

void initUiResources();

} // namespace kt

#pragma once
// A dark palette for the Fusion style, as desktops with a dark theme give Qt applications: used to
// check every window and dialog in dark (tests/gui/tst_darkpalette) and for the dark screenshots.
#include <QPalette>

namespace kt {

class DarkPalette
{
public:
    static QPalette palette();
};

} // namespace kt

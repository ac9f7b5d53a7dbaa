# Run by CPack (CPACK_PRE_BUILD_SCRIPTS) after the install into its staging folder and before the
# installer or disk image is made, so the program inside the package is the signed one.
# Does nothing unless the release workflow provides a certificate:
#   Windows: KIROTRAY_WINDOWS_PFX (a .pfx file) and KIROTRAY_WINDOWS_PFX_PASSWORD, signed with signtool;
#   macOS:   KIROTRAY_MACOS_SIGN_IDENTITY (a "Developer ID Application: ..." identity in the keychain),
#            signed with codesign and the hardened runtime that notarisation requires.
set(kt_timestamp_url "http://timestamp.digicert.com")
if(DEFINED ENV{KIROTRAY_WINDOWS_PFX} AND NOT "$ENV{KIROTRAY_WINDOWS_PFX}" STREQUAL "")
  file(GLOB_RECURSE kt_exes "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*kirotray.exe")
  foreach(exe IN LISTS kt_exes)
    message(STATUS "signing ${exe}")
    execute_process(COMMAND signtool sign /f "$ENV{KIROTRAY_WINDOWS_PFX}" /p "$ENV{KIROTRAY_WINDOWS_PFX_PASSWORD}"
                            /fd sha256 /tr "${kt_timestamp_url}" /td sha256 "${exe}"
                    COMMAND_ERROR_IS_FATAL ANY)
  endforeach()
elseif(DEFINED ENV{KIROTRAY_MACOS_SIGN_IDENTITY} AND NOT "$ENV{KIROTRAY_MACOS_SIGN_IDENTITY}" STREQUAL "")
  file(GLOB_RECURSE kt_bundles LIST_DIRECTORIES true "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*kirotray.app")
  foreach(bundle IN LISTS kt_bundles)
    if(IS_DIRECTORY "${bundle}" AND bundle MATCHES "/kirotray\\.app$")   # the glob lists every folder
      message(STATUS "signing ${bundle}")
      execute_process(COMMAND codesign --force --deep --timestamp --options runtime
                              --sign "$ENV{KIROTRAY_MACOS_SIGN_IDENTITY}" "${bundle}"
                      COMMAND_ERROR_IS_FATAL ANY)
      execute_process(COMMAND codesign --verify --strict --verbose=2 "${bundle}" COMMAND_ERROR_IS_FATAL ANY)
    endif()
  endforeach()
else()
  message(STATUS "not signing: no certificate in the environment (see docs/deployment.md)")
endif()

; The Windows installer of 讲稿工坊, made by scripts/package.sh windows with Debian's makensis.
; A plain NSIS script: Tauri's own NSIS bundle needs nsis_tauri_utils.dll, which its bundler
; downloads from GitHub (checked against a SHA-1), and these machines cannot reach it.
; Defines (makensis -D…): VERSION (x.y.z), SRC (the folder holding jianggao.exe and, when the
; desktop app was built, jianggao-desktop.exe and WebView2Loader.dll), OUT (the installer's
; path), APP (set when the desktop app is there).
; Per user, like Tauri's default: no administrator, into %LOCALAPPDATA%\Programs\Jianggao.
; The library is not the program's: it stays in %APPDATA% when the program is removed.
; A 64-bit installer (the programs are 64-bit): it runs under Wine without 32-bit support.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"

!define NAME "讲稿工坊"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Jianggao"

Name "${NAME}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\Jianggao"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "Jianggao"

!define MUI_ICON "..\..\src-tauri\icons\icon.ico"
!define MUI_UNICON "..\..\src-tauri\icons\icon.ico"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Section "install"
  SetOutPath "$INSTDIR"
  File "${SRC}\jianggao.exe"
  CreateDirectory "$SMPROGRAMS\${NAME}"
!ifdef APP
  File "${SRC}\jianggao-desktop.exe"
  ; Built with mingw, the app loads WebView2's loader from this DLL (webview2-com-sys ships
  ; it; an MSVC build links it statically). The WebView2 runtime itself is Windows'.
  File "${SRC}\WebView2Loader.dll"
  CreateShortCut "$SMPROGRAMS\${NAME}\${NAME}.lnk" "$INSTDIR\jianggao-desktop.exe"
  CreateShortCut "$DESKTOP\${NAME}.lnk" "$INSTDIR\jianggao-desktop.exe"
!endif
  ; The command-line program: a console opened in the install folder.
  CreateShortCut "$SMPROGRAMS\${NAME}\${NAME} 命令行.lnk" "$SYSDIR\cmd.exe" '/K cd /d "$INSTDIR" && jianggao.exe --help'
  CreateShortCut "$SMPROGRAMS\${NAME}\卸载 ${NAME}.lnk" "$INSTDIR\uninstall.exe"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Jianggao"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\jianggao.exe"
  Delete "$INSTDIR\jianggao-desktop.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${NAME}\*.lnk"
  RMDir "$SMPROGRAMS\${NAME}"
  Delete "$DESKTOP\${NAME}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

; Inno Setup 6 script for frontdesk on Windows. NOT RUN OR TESTED YET: written on Linux, where
; Inno Setup does not run. The CI workflow (../ci/build-installers.yml) runs it on a Windows runner.
;
; From the checkout, on Windows, after building the bundle:
;     python resources\packaging\build.py --no-deb        (-> dist\frontdesk\)
;     iscc /DAppVersion=0.1.0 resources\packaging\windows\frontdesk.iss
; gives dist\frontdesk-0.1.0-setup.exe.
;
; Install: per user (no administrator needed) or for all users, chosen in the first dialog.
; Upgrade: the same AppId installs over the old version; the old program folder is emptied
; first, so no file of the old version stays behind. The database is upgraded by frontdesk the
; next time it opens it (after a backup).
; Uninstall: removes the program folder and the Start menu entry only. The hotel's database,
; backups and log live in %LOCALAPPDATA%\frontdesk and are never touched.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Bundle "..\..\..\dist\frontdesk"

[Setup]
AppId={{6A0F3C52-2B7E-4C3B-9A43-0D1F5E2A7C11}
AppName=frontdesk
AppVersion={#AppVersion}
AppVerName=frontdesk {#AppVersion}
AppPublisher=The frontdesk team
DefaultDirName={autopf}\frontdesk
DefaultGroupName=frontdesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\..\dist
OutputBaseFilename=frontdesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\frontdesk.exe
UninstallDisplayName=frontdesk
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; The previous version's files: PyInstaller bundles change file names between versions.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\frontdesk"; Filename: "{app}\frontdesk.exe"; Comment: "Rooms, guests and bookings"
Name: "{autodesktop}\frontdesk"; Filename: "{app}\frontdesk.exe"; Tasks: desktopicon

[Run]
; `frontdesk-cli selftest` checks an installation; CI runs it on the bundle before this script.
Filename: "{app}\frontdesk.exe"; Description: "{cm:LaunchProgram,frontdesk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Nothing outside {app}: the data folder %LOCALAPPDATA%\frontdesk is the hotel's.
Type: dirifempty; Name: "{app}"

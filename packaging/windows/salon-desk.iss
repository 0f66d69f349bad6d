; Inno Setup 6 script: the Windows installer of Salon Desk, from the PyInstaller folder.
;
;   python scripts/build_bundle.py bundle          (makes bundle\dist\salon-desk)
;   iscc /DBundleDir=%CD%\bundle\dist\salon-desk /DAppVersion=0.1.0 packaging\windows\salon-desk.iss
;
; .github/workflows/bundles.yml does both on windows-latest. Installs for the current user
; by default (no administrator needed at the counter PC); the setup offers all users to an
; administrator. The uninstaller removes the program only: the salon's database, backups
; and logs (%LOCALAPPDATA%\salon-desk) and this PC's preferences (the registry under
; HKCU\Software\salon-desk) are never touched, so a reinstall or an update finds them.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\bundle\dist\salon-desk"
#endif
#define AppName "Salon Desk"
#define AppExe "SalonDesk.exe"

[Setup]
; Never change the AppId: updates and the uninstaller find the installation by it.
AppId={{6F0B8C0E-3C1D-4E52-9B7A-5D2E8F41A6C3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Salon Desk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\bundle\installer
OutputBaseFilename=salon-desk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\salon-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; The setup asks for its language (German first: most salons are German-speaking).
ShowLanguageDialog=auto

[Languages]
Name: "de"; MessagesFile: "compiler:Languages\German.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
de.DataKept=Salon Desk wurde entfernt. Die Daten des Salons (Datenbank, Sicherungen, Protokolle) bleiben erhalten in:%n%1
en.DataKept=Salon Desk has been removed. The salon's data (database, backups, logs) is kept in:%n%1

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: SalonDesk.exe (the window), desk-app.exe (the command
; line and `desk-app --self-test`) and _internal\.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entries for the user's folders, on purpose: see the top.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\salon-desk')]),
      mbInformation, MB_OK);
end;

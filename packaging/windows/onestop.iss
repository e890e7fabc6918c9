; Inno Setup script for the Windows installer of OneStop.
; Build the one-folder program first on Windows (`py packaging\build.py`), then compile this
; script with Inno Setup 6: `iscc packaging\windows\onestop.iss`. The installer goes to dist\.
; The program keeps its data under %LOCALAPPDATA%\OneStop (platformdirs), never in Program Files,
; so an upgrade replaces the program and leaves the store, which the program upgrades on open.

#define AppName "OneStop"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B1D3B0E-7F0A-4C1B-9B8E-0E5A1D2C3F40}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=OneStop
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=onestop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
WizardStyle=modern

[Languages]
; Inno Setup ships Vietnamese among its unofficial translations: put Vietnamese.isl beside this
; script to offer it first.
#if FileExists(AddBackslash(SourcePath) + "Vietnamese.isl")
Name: "vi"; MessagesFile: "Vietnamese.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\onestop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\onestop.exe"
Name: "{group}\{#AppName} (dòng lệnh)"; Filename: "{cmd}"; Parameters: "/k ""{app}\onestop-cli.exe"" --help"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\onestop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\onestop.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

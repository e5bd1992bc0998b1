; Inno Setup 6 script: the Windows installer of 案卷评查工作站 (Chinese wizard).
;
; Build on a Windows PC (64-bit Python 3.11, Inno Setup 6.3 or newer; 7.0.2+ also works):
;   1. py -3.11 -m venv build\bundle-venv
;      build\bundle-venv\Scripts\pip install -e .[bundle]
;   2. build\bundle-venv\Scripts\pyinstaller --noconfirm installer\anjuan.spec
;      (makes dist\anjuan\ with anjuan.exe, anjuan-cli.exe and _internal\)
;   3. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\anjuan.iss
;      (makes dist\anjuan-pingcha-0.1.0-setup.exe; AppVersion is __version__ in app\__init__.py)
; The Chinese wizard: Inno Setup ships ChineseSimplified.isl in its Languages folder only from
; 7.0.2 on. Every Inno Setup 6 (6.0 … 6.7) has it only among the unofficial translations: before
; step 3, download "Chinese (Simplified)" for Inno Setup 6 from
; https://jrsoftware.org/files/istrans/ and save it as installer\windows\ChineseSimplified.isl
; (the compile stops with this hint if it is missing). 7.0.2 and newer use their own copy.
;
; What it does: installs for the current user only (no administrator rights) into
; %LOCALAPPDATA%\Programs\anjuan-pingcha, with Start-menu and (optional) desktop entries.
; Running a newer setup over an older one upgrades in place (the fixed AppId below; never
; change it). The user's data folder (%LOCALAPPDATA%\anjuan-pingcha: the library, the
; database, its backups, settings) is not part of the installation: upgrades and the
; uninstaller leave it alone, and the program migrates the database after a backup.
;
; Every folder installer\anjuan.spec bundles is named in [Files] below, so a reviewer sees
; what is installed; tests\unit\test_installers.py checks the two agree.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "案卷评查工作站"
#if VER >= EncodeVer(7, 0, 2)
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#else
  #define ChineseMessages AddBackslash(SourcePath) + "windows\ChineseSimplified.isl"
  #if !FileExists(ChineseMessages)
    #error Inno Setup 6 has no official Chinese: save ChineseSimplified.isl from https://jrsoftware.org/files/istrans/ as installer\windows\ChineseSimplified.isl
  #endif
#endif
#define Dist "..\dist\anjuan"

[Setup]
AppId={{6F1C2E4B-8A37-4D1E-9B52-3C0A7E5D2F18}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\anjuan-pingcha
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=anjuan-pingcha-{#AppVersion}-setup
SetupIconFile=..\resources\icons\anjuan.ico
UninstallDisplayIcon={app}\anjuan.exe
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; A running copy is closed before its files are replaced (an upgrade in place).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ChineseMessages}"

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "附加快捷方式："

[InstallDelete]
; An upgrade replaces the program's own files wholesale: libraries an older version bundled
; and this one does not must not linger (the data folder is elsewhere and untouched).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The two programs (window; command line with a console) and the Python runtime beside them.
Source: "{#Dist}\anjuan.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Dist}\anjuan-cli.exe"; DestDir: "{app}"; Flags: ignoreversion
; Libraries of the bundle (Python, Qt with its zh_CN translations, onnxruntime, PyMuPDF …);
; the data folders named below are installed by their own lines.
Source: "{#Dist}\_internal\*"; DestDir: "{app}\_internal"; Excludes: "\templates,\resources,\scoring\checklists,\scoring\data,\app\demo,\app\store\migrations,\rapidocr,\docx,\matplotlib"; Flags: ignoreversion recursesubdirs createallsubdirs
; Data of the product (installer\anjuan.spec, BUNDLED_DATA).
Source: "{#Dist}\_internal\templates\*"; DestDir: "{app}\_internal\templates"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Dist}\_internal\resources\*"; DestDir: "{app}\_internal\resources"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Dist}\_internal\scoring\checklists\*"; DestDir: "{app}\_internal\scoring\checklists"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Dist}\_internal\scoring\data\*"; DestDir: "{app}\_internal\scoring\data"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Dist}\_internal\app\demo\*"; DestDir: "{app}\_internal\app\demo"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Dist}\_internal\app\store\migrations\*"; DestDir: "{app}\_internal\app\store\migrations"; Flags: ignoreversion recursesubdirs createallsubdirs
; Data of third-party packages (installer\anjuan.spec, PACKAGE_DATA): the OCR models, the
; Word default template, matplotlib's fonts and styles.
Source: "{#Dist}\_internal\rapidocr\*"; DestDir: "{app}\_internal\rapidocr"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Dist}\_internal\docx\*"; DestDir: "{app}\_internal\docx"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Dist}\_internal\matplotlib\*"; DestDir: "{app}\_internal\matplotlib"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\anjuan.exe"; WorkingDir: "{app}"; Comment: "行政执法案卷评查"
Name: "{autoprograms}\{#AppName}（命令行）"; Filename: "{cmd}"; Parameters: "/k ""{app}\anjuan-cli.exe"" --help"; WorkingDir: "{userdocs}"
Name: "{autoprograms}\卸载{#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\anjuan.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\anjuan.exe"; Description: "立即启动{#AppName}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself wrote beside its files; never the data folder.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
    MsgBox('程序已卸载。您的案卷库、数据库备份和设置仍保留在'#13#10 +
      ExpandConstant('{localappdata}\anjuan-pingcha') + #13#10 +
      '重新安装后即可继续使用；如确定不再需要，可手动删除该文件夹。', mbInformation, MB_OK);
end;

@echo off
rem The `berth` command inside an installed Berth: the bundled CLI run by the app's own
rem Electron binary in Node mode. Installed at <resources>\cli\berth.cmd.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\Berth.exe" "%~dp0..\app.asar\bin\berth.mjs" %*

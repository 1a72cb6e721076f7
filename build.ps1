<#
.SYNOPSIS
  Thin wrapper for Windows users: build, test or run the children's services performance warehouse.
.EXAMPLE
  ./build.ps1 build
  ./build.ps1 test
  ./build.ps1 run -- --as-at 2016-01-31
#>
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'run')]
    [string]$Task = 'build',
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]]$Rest
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
switch ($Task) {
    'build' { dotnet build Warehouse.sln }
    'test'  { dotnet test }
    'run'   { dotnet run --project etl -- run @Rest }
}
exit $LASTEXITCODE

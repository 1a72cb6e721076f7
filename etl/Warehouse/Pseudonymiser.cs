using System.Security.Cryptography;
using System.Text;

namespace ChildrensWarehouse.Warehouse;

/// <summary>
/// Stable pseudonyms for children (analyst views and packs): an HMAC-SHA256 of la_code and child_id under a secret
/// salt. The salt comes from configuration (Privacy:PseudonymSalt, e.g. CSW_Privacy__PseudonymSalt) and never
/// enters the repository or the warehouse; without one, a random salt is created once in a file beside the
/// warehouse (readable by its owner only), so pseudonyms stay stable from run to run.
/// </summary>
public sealed class Pseudonymiser(byte[] salt)
{
    public string Of(string laCode, string childId)
    {
        var hash = HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(laCode + "\u001f" + childId));
        return "P" + Convert.ToHexStringLower(hash, 0, 8);
    }

    public static Pseudonymiser FromConfiguration(string? configuredSalt, string warehousePath)
    {
        if (!string.IsNullOrEmpty(configuredSalt))
        {
            if (configuredSalt.Length < 16) throw new ArgumentException("Privacy:PseudonymSalt must be at least 16 characters");
            return new Pseudonymiser(Encoding.UTF8.GetBytes(configuredSalt));
        }
        if (WarehouseTarget.Parse(warehousePath).Engine == WarehouseEngine.SqlServer)
        {
            // A server has no folder of ours to keep a salt file in, and the salt must never be stored in the warehouse.
            throw new ArgumentException("Privacy:PseudonymSalt (e.g. CSW_Privacy__PseudonymSalt) is required with a SQL Server warehouse, so that pseudonyms stay the same from run to run");
        }
        var saltFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(warehousePath))!, "pseudonym.salt");
        if (!File.Exists(saltFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(saltFile)!);
            File.WriteAllText(saltFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(saltFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return new Pseudonymiser(Convert.FromBase64String(File.ReadAllText(saltFile).Trim()));
    }
}

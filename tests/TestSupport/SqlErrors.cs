using System.Reflection;
using Microsoft.Data.SqlClient;

namespace ChildrensWarehouse.Tests.TestSupport;

/// <summary>SqlExceptions with a chosen error number, for testing the retry policy without a server (SqlClient builds them internally).</summary>
public static class SqlErrors
{
    public static SqlException Exception(int number, string message = "test error")
    {
        var error = (SqlError)typeof(SqlError)
            .GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, [typeof(int), typeof(byte), typeof(byte), typeof(string), typeof(string), typeof(string), typeof(int), typeof(Exception)])!
            .Invoke([number, (byte)0, (byte)16, "server", message, "", 0, null]);
        var errors = (SqlErrorCollection)typeof(SqlErrorCollection).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)!.Invoke(null);
        typeof(SqlErrorCollection).GetMethod("Add", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(errors, [error]);
        return (SqlException)typeof(SqlException)
            .GetMethod("CreateException", BindingFlags.NonPublic | BindingFlags.Static, [typeof(SqlErrorCollection), typeof(string)])!
            .Invoke(null, [errors, "16.0.0"])!;
    }
}

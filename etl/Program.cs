using ChildrensWarehouse.Cli;

return await EtlCli.RunAsync(args, Console.Out, Console.Error);

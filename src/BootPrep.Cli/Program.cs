using BootPrep.Cli;

return BootPrepCli.Run(args, Console.Out, Console.Error);

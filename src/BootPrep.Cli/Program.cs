using BootPrep.Cli;

using var stdout = Console.OpenStandardOutput();
return BootPrepCli.Run(args, Console.Out, Console.Error, stdout);

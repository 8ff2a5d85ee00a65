using BootPrep.Cli;
using BootPrep.Hosts;

using var stdout = Console.OpenStandardOutput();
return BootPrepCli.Run(args, Console.Out, Console.Error, stdout, HostEnvironment.Current);

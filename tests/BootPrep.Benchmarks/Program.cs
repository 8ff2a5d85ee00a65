using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(BootPrep.Benchmarks.TarReading).Assembly).Run(args);

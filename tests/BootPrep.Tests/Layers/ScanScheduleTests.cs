using BootPrep.Layers;

namespace BootPrep.Tests.Layers;

public sealed class ScanScheduleTests
{
    [Fact]
    public void Equal_layers_start_in_merge_order_one_per_core()
    {
        var schedule = new ScanSchedule([10, 10, 10, 10], cores: 2);

        Assert.Equal([0, 1], Starts(schedule));
    }

    [Fact]
    public void A_large_layer_late_in_the_image_starts_first()
    {
        var schedule = new ScanSchedule([1, 2, 1, 1, 100, 1], cores: 2);

        Assert.Equal([4, 1], Starts(schedule));
    }

    [Fact]
    public void A_layer_after_a_large_one_waits_for_its_merge_even_with_a_core_free()
    {
        var schedule = new ScanSchedule([100, 1, 1, 1], cores: 2);
        Assert.Equal([0, 1], Starts(schedule));

        schedule.Finished();

        Assert.Null(schedule.Next());
    }

    [Fact]
    public void A_merge_lets_the_next_layers_start()
    {
        var schedule = new ScanSchedule([100, 1, 1, 1], cores: 2);
        Assert.Equal([0, 1], Starts(schedule));
        schedule.Finished();
        schedule.Finished();

        schedule.Merged(0);

        Assert.Equal([2], Starts(schedule));
    }

    [Fact]
    public void No_more_scans_run_than_cores()
    {
        var schedule = new ScanSchedule([1, 1, 1, 50, 50, 50], cores: 2);

        Assert.Equal(2, Starts(schedule).Count);
    }

    [Fact]
    public void One_core_scans_the_layers_in_order()
    {
        var schedule = new ScanSchedule([1, 100, 1000], cores: 1);
        var order = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            order.AddRange(Starts(schedule));
            schedule.Finished();
            schedule.Merged(i);
        }

        Assert.Equal([0, 1, 2], order);
    }

    [Fact]
    public void A_failed_layer_stops_the_layers_after_it_but_not_those_before()
    {
        var schedule = new ScanSchedule([1, 1, 1, 1, 100, 1], cores: 2);
        Assert.Equal([4, 0], Starts(schedule));

        schedule.Failed(0);
        schedule.Finished();
        schedule.Finished();

        Assert.Empty(Starts(schedule));
    }

    [Fact]
    public void A_failure_late_in_the_image_still_lets_earlier_layers_start()
    {
        var schedule = new ScanSchedule([1, 1, 1, 1, 100, 1], cores: 2);
        Assert.Equal([4, 0], Starts(schedule));

        schedule.Failed(4);
        schedule.Finished();

        Assert.Equal([1], Starts(schedule));
    }

    [Fact]
    public void A_stopped_schedule_starts_nothing()
    {
        var schedule = new ScanSchedule([1, 1, 1], cores: 2);

        schedule.Stop();

        Assert.Empty(Starts(schedule));
    }

    private static List<int> Starts(ScanSchedule schedule)
    {
        var started = new List<int>();
        while (schedule.Next() is { } layer)
        {
            started.Add(layer);
        }

        return started;
    }
}

using NetworkGrains.ML.Detectors;

namespace NetworkGrains.ML.Tests;

public sealed class DetectorPartsTests
{
    [Fact]
    public void Rarity_is_the_share_of_the_history_below_and_forgets_what_left_the_history()
    {
        var tail = new EmpiricalTail(history: 100, learning: 10);
        for (var i = 0; i < 9; i++) Assert.Equal(0, tail.Next(i));        // learning
        for (var i = 9; i < 100; i++) tail.Next(i % 50);                  // 0..49, about twice each
        Assert.Equal(1 - 1.0 / 101, tail.Next(1_000), precision: 9);      // a record
        Assert.InRange(tail.Next(25), 0.45, 0.55);                         // the middle
        for (var i = 0; i < 100; i++) tail.Next(0);                       // the history is now only zeros
        Assert.Equal(1 - 1.0 / 101, tail.Next(1), precision: 9);
    }

    [Fact]
    public void With_a_tolerance_the_same_spike_again_is_not_a_new_record()
    {
        var exact = new EmpiricalTail(history: 100, learning: 10);
        var tolerant = new EmpiricalTail(history: 100, learning: 10, tolerance: 0.9);
        for (var i = 0; i < 100; i++)
        {
            exact.Next(i == 50 ? 100 : 1);
            tolerant.Next(i == 50 ? 100 : 1);
        }

        Assert.Equal(1 - 1.0 / 101, exact.Next(105), precision: 9);     // above the earlier spike: a record
        Assert.Equal(1 - 2.0 / 101, tolerant.Next(105), precision: 9);  // within 10% of it: seen once before
        Assert.Equal(1 - 1.0 / 101, tolerant.Next(120), precision: 9);  // well above it: a record again
    }

    [Fact]
    public void A_daily_spike_is_routine_even_when_its_minute_drifts_and_a_larger_one_is_not()
    {
        var range = new DailyRange(days: 7, reach: TimeSpan.FromHours(1));
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        DateTime Spike(int day) => start.AddDays(day).AddHours(3).AddMinutes(day % 2 == 0 ? -25 : 20);
        for (var i = 0; i < 5 * 288; i++)
        {
            var time = start.AddMinutes(5 * i);
            var spike = Math.Abs((time - Spike(i / 288)).TotalMinutes) < 3;
            if (i == 288) Assert.False(range.IsRoutine(time, 1));            // one day seen: nothing is routine yet
            range.Add(time, spike ? 100 : 1);
        }

        Assert.True(range.IsRoutine(Spike(5), 100));
        Assert.True(range.IsRoutine(Spike(5).AddMinutes(-30), 100));     // within an hour of every earlier day's
        Assert.True(range.IsRoutine(Spike(5), 109));                     // a little higher: within a tenth of the day's range
        Assert.False(range.IsRoutine(Spike(5), 150));                    // well above it
        Assert.False(range.IsRoutine(Spike(5).AddHours(6), 100));        // not at this time of day
        Assert.False(range.IsRoutine(Spike(5), -20));                    // well below anything around then
    }

    [Fact]
    public void After_an_alarm_the_next_rows_are_damped_then_scores_pass_again()
    {
        var holdOff = new HoldOff(rows: 3, factor: 0.5, alarm: 0.9);
        Assert.Equal([0.5, 0.95, 0.5, 0.48, 0.49, 0.92, 0.5], new[] { 0.5, 0.95, 1.0, 0.96, 0.98, 0.92, 1.0 }.Select(holdOff.Next));
    }

    [Fact]
    public void The_time_of_day_expectation_needs_two_days_and_is_the_median_of_that_slot()
    {
        var profile = new SeasonalProfile();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var day = 0; day < 3; day++) profile.Add(start.AddDays(day).AddHours(9), 10 * (day + 1));
        Assert.Null(profile.Expected(start.AddDays(1).AddHours(9)));
        Assert.Equal(20, profile.Expected(start.AddDays(3).AddHours(9)));
        Assert.Null(profile.Expected(start.AddDays(3).AddHours(10)));     // nothing seen at 10:00
    }
}

public sealed class CompactDetectorPartsTests
{
    [Fact]
    public void The_decaying_tail_ranks_like_the_exact_one_on_continuous_values()
    {
        var exact = new EmpiricalTail(8640);
        var compact = new DecayingTail(8640);
        var random = new Random(1);

        for (var i = 0; i < 4000; i++)
        {
            var surprise = random.NextDouble() * (random.Next(100) == 0 ? 1e6 : 2);
            Assert.Equal(exact.Next(surprise), compact.Next(surprise), 0.05); // bins are 21% wide
        }
    }

    [Fact]
    public void A_median_tracker_is_exact_over_its_first_points()
    {
        var tracker = new MedianTracker(rate: 0.01, memory: 1000);
        var random = new Random(5);
        var seen = new List<double>();
        for (var i = 0; i < MedianTracker.Start - 1; i++)
        {
            var x = 1e6 + random.Next(100) * (random.Next(10) == 0 ? 50 : 1); // small steps on a big value
            tracker.Add(x);
            seen.Add(x);
            var median = Median(seen);
            Assert.Equal(median, tracker.Median, 1e-6);
            var floor = Math.Max(0.1 * StandardDeviation(seen), 1e-6 * (1 + median));
            Assert.Equal(Math.Max(1.4826 * Median(seen.Select(v => Math.Abs(v - median))), floor), tracker.Scale, 1e-3);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }

    private static double StandardDeviation(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }

    [Fact]
    public void A_median_tracker_shrugs_off_outliers_and_follows_a_lasting_shift()
    {
        var tracker = new MedianTracker(rate: 0.01, memory: 1000);
        var random = new Random(2);
        for (var i = 0; i < 5000; i++) tracker.Add(i % 100 == 0 ? 150 : 100 + random.NextDouble() * 2 - 1);

        Assert.InRange(tracker.Median, 99.5, 100.5);
        Assert.InRange(tracker.Scale, 0.5, 1.2);        // the noise's MAD (0.5) in normal units, not the outliers'
        for (var i = 0; i < 10_000; i++) tracker.Add(200 + random.NextDouble() * 2 - 1);
        Assert.InRange(tracker.Median, 199, 201);       // small steps: a shift is followed over thousands of points, not at once
    }

    [Fact]
    public void The_slot_range_makes_a_daily_spike_routine_within_an_hour_either_side()
    {
        var range = new SlotRange(days: 4);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 4 * 288; i++)
        {
            var time = start.AddMinutes(5 * i);
            var spike = time.TimeOfDay == TimeSpan.FromHours(i / 288 % 2 == 0 ? 3 : 4);  // 03:00 or 04:00
            range.Add(time, spike ? 100 : 1);
        }

        var day = start.AddDays(4);
        Assert.True(range.IsRoutine(day.AddHours(3.5), 100));
        Assert.True(range.IsRoutine(day.AddHours(3.5), 105));   // within a tenth of the range
        Assert.False(range.IsRoutine(day.AddHours(3.5), 150));
        Assert.False(range.IsRoutine(day.AddHours(12), 100));   // not at this hour
        Assert.False(new SlotRange(days: 4).IsRoutine(day, 1)); // nothing seen: nothing routine
    }

    [Fact]
    public void The_slot_profile_expects_the_usual_hour_from_the_second_day()
    {
        var profile = new SlotProfile();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 288; i++) profile.Add(start.AddMinutes(5 * i), start.AddMinutes(5 * i).Hour);
        Assert.Null(profile.Expected(start.AddDays(1).AddHours(7)));

        for (var i = 288; i < 3 * 288; i++) profile.Add(start.AddMinutes(5 * i), start.AddMinutes(5 * i).Hour);

        Assert.Equal(7, profile.Expected(start.AddDays(3).AddHours(7).AddMinutes(10)));
        Assert.Equal(22, profile.Expected(start.AddDays(3).AddHours(22)));
    }
}

public sealed class CompactDetectorSnapshotTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(5)]
    [InlineData(20)] // while the median tracker still keeps its first points
    [InlineData(700)]
    [InlineData(3000)]
    public void A_restored_detector_scores_exactly_as_one_that_never_stopped(int stopAt)
    {
        var series = Series(4000);
        var uninterrupted = new CompactRarityDetector();
        var expected = series.Select((v, i) => uninterrupted.Score(Start.AddMinutes(5 * i), v)).ToArray();

        var first = new CompactRarityDetector();
        for (var i = 0; i < stopAt; i++) first.Score(Start.AddMinutes(5 * i), series[i]);
        var saved = first.Save();
        var restored = CompactRarityDetector.Restore(saved);
        var after = Enumerable.Range(stopAt, series.Length - stopAt).Select(i => restored.Score(Start.AddMinutes(5 * i), series[i])).ToArray();

        Assert.Equal(expected[stopAt..], after);
        Assert.InRange(saved.Length, 100, 1_700);
    }

    [Fact]
    public void Cut_or_foreign_bytes_restore_a_fresh_detector()
    {
        var detector = new CompactRarityDetector();
        for (var i = 0; i < 500; i++) detector.Score(Start.AddMinutes(5 * i), i % 7);
        var saved = detector.Save();

        foreach (var bytes in new[] { saved[..(saved.Length / 2)], [], [99, 1, 2, 3], saved.Select(b => (byte)0xff).ToArray() })
        {
            var restored = CompactRarityDetector.Restore(bytes);
            Assert.Equal(0, restored.Score(Start, 1));
        }
    }

    private static double[] Series(int count)
    {
        var random = new Random(4);
        return Enumerable.Range(0, count).Select(i => 50 + 20 * Math.Sin(i / 288.0 * 2 * Math.PI) + random.NextDouble() * 3 + (i == 3500 ? 60 : 0)).ToArray();
    }
}

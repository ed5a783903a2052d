using System.Text;
using NetworkGrains.ML.Datasets;

namespace NetworkGrains.ML.Tests.Datasets;

public sealed class TabularDataTests
{
    private static TabularData Parse(string csv) => TabularData.Parse(Encoding.UTF8.GetBytes(csv));

    [Fact]
    public void A_valid_dataset_keeps_its_columns_and_rows_and_skips_a_byte_order_mark()
    {
        var data = Parse("\uFEFFseries,timestamp,value\nedge-1,2026-01-01T00:00:00Z,1.5e3\nedge-1,2026-01-01T00:01:00Z,-0.25\n");

        Assert.Equal(["series", "timestamp", "value"], data.Columns);
        Assert.Equal(2, data.RowCount);
        Assert.Equal([[1500f], [-0.25f]], data.Features(["value"]));
    }

    [Theory]
    [InlineData("a,b\n1,NaN\n", "line 2, column 'b': 'NaN' is not a finite number")]
    [InlineData("a,b\n1,2\nnan,2\n", "line 3, column 'a': 'nan' is not a finite number")]
    [InlineData("a,b\nInfinity,2\n", "line 2, column 'a'")]
    [InlineData("a,b\n1,-Infinity\n", "line 2, column 'b'")]
    [InlineData("a,b\n1,1e999\n", "line 2, column 'b': '1e999' is not a finite number")]
    [InlineData("a,b\u0000\n1,2\n", "line 1, column 2: the name has a control or format character")]
    [InlineData("a,\u0007b\n1,2\n", "line 1, column 2: the name has a control or format character")]
    [InlineData("a\u202E,b\n1,2\n", "line 1, column 1: the name has a control or format character")]
    [InlineData("a,,b\n1,2,3\n", "line 1, column 2: the name is empty")]
    [InlineData("a,b, a\n1,2,3\n", "line 1, column 3: the name 'a' is also column 1")]
    [InlineData("a,b\n1\n", "line 2: 1 fields, the header has 2")]
    [InlineData("a,b\n", "a header line and at least one row")]
    public void Malformed_datasets_are_refused_naming_the_line_and_column(string csv, string reason)
    {
        Assert.Contains(reason, Assert.Throws<DatasetFormatException>(() => Parse(csv)).Message);
    }
}

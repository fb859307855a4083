using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nexus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FiguresStoredBySeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataSeries",
                columns: table => new
                {
                    ReleaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Area = table.Column<int>(type: "INTEGER", nullable: false),
                    Counterpart = table.Column<int>(type: "INTEGER", nullable: false),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Points = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSeries", x => new { x.ReleaseId, x.Indicator, x.Area, x.Counterpart, x.Sex });
                    table.ForeignKey(
                        name: "FK_DataSeries_DataReleases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "DataReleases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Added by hand (docs/decisions/001): the figures move into their series, a series to a row, oldest year
            // first, in the form SeriesPoints reads. SQLite's printf needs its ! flag for more than 16 digits; with it, %!.17g reads back as the same double.
            migrationBuilder.Sql("""
                INSERT INTO "DataSeries" ("ReleaseId", "Indicator", "Area", "Counterpart", "Sex", "Points")
                SELECT "ReleaseId", "Indicator", "Area", "Counterpart", "Sex",
                    '[' || group_concat('[' || "Year" || ',' || printf('%!.17g', "Value")
                        || CASE WHEN "Note" IS NOT NULL THEN ',' || json_quote("Flag") || ',' || json_quote("Note")
                                WHEN "Flag" IS NOT NULL THEN ',' || json_quote("Flag") ELSE '' END
                        || ']', ',' ORDER BY "Year") || ']'
                FROM "Observations"
                GROUP BY "ReleaseId", "Indicator", "Area", "Counterpart", "Sex";
                """);

            migrationBuilder.DropTable(
                name: "Observations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Observations",
                columns: table => new
                {
                    ReleaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Area = table.Column<int>(type: "INTEGER", nullable: false),
                    Counterpart = table.Column<int>(type: "INTEGER", nullable: false),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Flag = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Value = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Observations", x => new { x.ReleaseId, x.Indicator, x.Area, x.Counterpart, x.Sex, x.Year });
                    table.ForeignKey(
                        name: "FK_Observations_DataReleases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "DataReleases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Added by hand: each series back into one row per figure.
            migrationBuilder.Sql("""
                INSERT INTO "Observations" ("ReleaseId", "Indicator", "Area", "Counterpart", "Sex", "Year", "Value", "Flag", "Note")
                SELECT s."ReleaseId", s."Indicator", s."Area", s."Counterpart", s."Sex",
                    p.value ->> 0, p.value ->> 1, p.value ->> 2, p.value ->> 3
                FROM "DataSeries" s, json_each(s."Points") p;
                """);

            migrationBuilder.DropTable(
                name: "DataSeries");
        }
    }
}

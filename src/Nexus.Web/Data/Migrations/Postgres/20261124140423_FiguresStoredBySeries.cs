using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nexus.Web.Data.Migrations.Postgres
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
                    ReleaseId = table.Column<int>(type: "integer", nullable: false),
                    Indicator = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Area = table.Column<int>(type: "integer", nullable: false),
                    Counterpart = table.Column<int>(type: "integer", nullable: false),
                    Sex = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Points = table.Column<string>(type: "text", nullable: false)
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
            // first, in the form SeriesPoints reads. A positive extra_float_digits prints each double in the shortest
            // form that reads back as the same double, whatever the server's setting.
            migrationBuilder.Sql("""
                SET LOCAL extra_float_digits = 1;
                INSERT INTO "DataSeries" ("ReleaseId", "Indicator", "Area", "Counterpart", "Sex", "Points")
                SELECT "ReleaseId", "Indicator", "Area", "Counterpart", "Sex",
                    json_agg(CASE WHEN "Note" IS NOT NULL THEN json_build_array("Year", "Value", "Flag", "Note")
                                  WHEN "Flag" IS NOT NULL THEN json_build_array("Year", "Value", "Flag")
                                  ELSE json_build_array("Year", "Value") END ORDER BY "Year")::text
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
                    ReleaseId = table.Column<int>(type: "integer", nullable: false),
                    Indicator = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Area = table.Column<int>(type: "integer", nullable: false),
                    Counterpart = table.Column<int>(type: "integer", nullable: false),
                    Sex = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Flag = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Value = table.Column<double>(type: "double precision", nullable: false)
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
                    (p.value ->> 0)::integer, (p.value ->> 1)::double precision, p.value ->> 2, p.value ->> 3
                FROM "DataSeries" s, json_array_elements(s."Points"::json) p;
                """);

            migrationBuilder.DropTable(
                name: "DataSeries");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Nexus.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DataPortal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AreaMembers",
                columns: table => new
                {
                    GroupCode = table.Column<int>(type: "integer", nullable: false),
                    MemberCode = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AreaMembers", x => new { x.GroupCode, x.MemberCode });
                });

            migrationBuilder.CreateTable(
                name: "Areas",
                columns: table => new
                {
                    Code = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Iso2 = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Iso3 = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ParentCode = table.Column<int>(type: "integer", nullable: true),
                    Ldc = table.Column<bool>(type: "boolean", nullable: false),
                    Lldc = table.Column<bool>(type: "boolean", nullable: false),
                    Sids = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Areas", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "DataReleases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Dataset = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Publisher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Edition = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    EditionDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Licence = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Observations = table.Column<int>(type: "integer", nullable: false),
                    Areas = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Current = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataReleases", x => x.Id);
                });

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
                    Value = table.Column<double>(type: "double precision", nullable: false),
                    Flag = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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

            migrationBuilder.CreateIndex(
                name: "IX_AreaMembers_MemberCode",
                table: "AreaMembers",
                column: "MemberCode");

            migrationBuilder.CreateIndex(
                name: "IX_Areas_Iso3",
                table: "Areas",
                column: "Iso3");

            migrationBuilder.CreateIndex(
                name: "IX_DataReleases_Dataset_Current",
                table: "DataReleases",
                columns: new[] { "Dataset", "Current" });

            migrationBuilder.CreateIndex(
                name: "IX_DataReleases_Sha256",
                table: "DataReleases",
                column: "Sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Observations_ReleaseId_Indicator_Counterpart",
                table: "Observations",
                columns: new[] { "ReleaseId", "Indicator", "Counterpart" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AreaMembers");

            migrationBuilder.DropTable(
                name: "Areas");

            migrationBuilder.DropTable(
                name: "Observations");

            migrationBuilder.DropTable(
                name: "DataReleases");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nexus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DropObservationCounterpartIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Observations_ReleaseId_Indicator_Counterpart",
                table: "Observations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Observations_ReleaseId_Indicator_Counterpart",
                table: "Observations",
                columns: new[] { "ReleaseId", "Indicator", "Counterpart" });
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nexus.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ActivityAndProcessVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "ProjectActivities",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "ConsultativeProcesses",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "ProjectActivities");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "ConsultativeProcesses");
        }
    }
}

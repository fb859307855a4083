using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nexus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EventPartners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Partners",
                table: "Events",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Partners",
                table: "Events");
        }
    }
}

using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nexus.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EventPartners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "Partners",
                table: "Events",
                type: "text[]",
                nullable: false,
                // Events already stored get an empty list (a NOT NULL column without a default cannot be added to them).
                defaultValue: new List<string>());
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

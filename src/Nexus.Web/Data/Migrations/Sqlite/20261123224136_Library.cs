using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Nexus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Library : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Agencies",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Acronym = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Website = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agencies", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "LibraryItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Draft = table.Column<string>(type: "TEXT", nullable: false),
                    CurrentVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    FirstPublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LibraryState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryState", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LibraryThemes",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Names = table.Column<string>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryThemes", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "LibraryDocuments",
                columns: table => new
                {
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Visible = table.Column<bool>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Texts = table.Column<string>(type: "TEXT", nullable: false),
                    Authors = table.Column<string>(type: "TEXT", nullable: false),
                    Agencies = table.Column<string>(type: "TEXT", nullable: false),
                    Themes = table.Column<string>(type: "TEXT", nullable: false),
                    Places = table.Column<string>(type: "TEXT", nullable: false),
                    Languages = table.Column<string>(type: "TEXT", nullable: false),
                    Licence = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FileIds = table.Column<string>(type: "TEXT", nullable: false),
                    EventId = table.Column<int>(type: "INTEGER", nullable: true),
                    FirstPublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryDocuments", x => x.ItemId);
                    table.ForeignKey(
                        name: "FK_LibraryDocuments_LibraryItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "LibraryItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LibraryFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    TextError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LibraryFiles_LibraryItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "LibraryItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LibraryVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LibraryVersions_LibraryItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "LibraryItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "Agencies",
                columns: new[] { "Code", "Acronym", "Name", "Website" },
                values: new object[,]
                {
                    { "fao", "FAO", "Food and Agriculture Organization of the United Nations", "https://www.fao.org" },
                    { "ilo", "ILO", "International Labour Organization", "https://www.ilo.org" },
                    { "iom", "IOM", "International Organization for Migration", "https://www.iom.int" },
                    { "macarthur", "MacArthur Foundation", "John D. and Catherine T. MacArthur Foundation", "https://www.macfound.org" },
                    { "ohchr", "OHCHR", "Office of the United Nations High Commissioner for Human Rights", "https://www.ohchr.org" },
                    { "regional-commissions", "UN Regional Commissions", "United Nations Regional Commissions", null },
                    { "unctad", "UNCTAD", "United Nations Conference on Trade and Development", "https://unctad.org" },
                    { "undesa", "UN DESA", "United Nations Department of Economic and Social Affairs", "https://www.un.org/development/desa" },
                    { "undp", "UNDP", "United Nations Development Programme", "https://www.undp.org" },
                    { "unesco", "UNESCO", "United Nations Educational, Scientific and Cultural Organization", "https://www.unesco.org" },
                    { "unfpa", "UNFPA", "United Nations Population Fund", "https://www.unfpa.org" },
                    { "unhcr", "UNHCR", "Office of the United Nations High Commissioner for Refugees", "https://www.unhcr.org" },
                    { "unicef", "UNICEF", "United Nations Children's Fund", "https://www.unicef.org" },
                    { "unifem", "UNIFEM", "United Nations Development Fund for Women", null },
                    { "unitar", "UNITAR", "United Nations Institute for Training and Research", "https://unitar.org" },
                    { "unodc", "UNODC", "United Nations Office on Drugs and Crime", "https://www.unodc.org" },
                    { "who", "WHO", "World Health Organization", "https://www.who.int" },
                    { "worldbank", "World Bank", "The World Bank", "https://www.worldbank.org" }
                });

            migrationBuilder.InsertData(
                table: "LibraryState",
                columns: new[] { "Id", "Sequence" },
                values: new object[] { 1, 0L });

            migrationBuilder.InsertData(
                table: "LibraryThemes",
                columns: new[] { "Code", "Names", "Order" },
                values: new object[,]
                {
                    { "ageing", "{\"en\":\"Ageing\",\"fr\":\"Vieillissement\",\"es\":\"Envejecimiento\"}", 10 },
                    { "brain-drain-health-workers", "{\"en\":\"Brain drain and health workers\",\"fr\":\"Fuite des cerveaux et personnels de sant\\u00E9\",\"es\":\"Fuga de cerebros y personal sanitario\"}", 3 },
                    { "climate-change", "{\"en\":\"Climate change\",\"fr\":\"Changement climatique\",\"es\":\"Cambio clim\\u00E1tico\"}", 11 },
                    { "data-evidence", "{\"en\":\"Data and evidence\",\"fr\":\"Donn\\u00E9es et \\u00E9l\\u00E9ments probants\",\"es\":\"Datos y evidencia\"}", 16 },
                    { "development-goals", "{\"en\":\"Development goals\",\"fr\":\"Objectifs de d\\u00E9veloppement\",\"es\":\"Objetivos de desarrollo\"}", 14 },
                    { "diaspora", "{\"en\":\"Diaspora and transnational communities\",\"fr\":\"Diaspora et communaut\\u00E9s transnationales\",\"es\":\"Di\\u00E1spora y comunidades transnacionales\"}", 4 },
                    { "economic-crisis", "{\"en\":\"Economic crisis\",\"fr\":\"Crise \\u00E9conomique\",\"es\":\"Crisis econ\\u00F3mica\"}", 6 },
                    { "human-development", "{\"en\":\"Human development\",\"fr\":\"D\\u00E9veloppement humain\",\"es\":\"Desarrollo humano\"}", 15 },
                    { "integration", "{\"en\":\"Integration\",\"fr\":\"Int\\u00E9gration\",\"es\":\"Integraci\\u00F3n\"}", 9 },
                    { "labour-migration", "{\"en\":\"Labour migration\",\"fr\":\"Migration de travail\",\"es\":\"Migraci\\u00F3n laboral\"}", 1 },
                    { "migrants-rights", "{\"en\":\"Migrants\\u0027 rights\",\"fr\":\"Droits des migrants\",\"es\":\"Derechos de los migrantes\"}", 7 },
                    { "peacebuilding", "{\"en\":\"Peacebuilding\",\"fr\":\"Consolidation de la paix\",\"es\":\"Consolidaci\\u00F3n de la paz\"}", 5 },
                    { "policy-coherence", "{\"en\":\"Policy coherence\",\"fr\":\"Coh\\u00E9rence des politiques\",\"es\":\"Coherencia de las pol\\u00EDticas\"}", 13 },
                    { "remittances", "{\"en\":\"Remittances\",\"fr\":\"Envois de fonds\",\"es\":\"Remesas\"}", 2 },
                    { "trafficking-smuggling", "{\"en\":\"Trafficking and smuggling\",\"fr\":\"Traite et trafic illicite\",\"es\":\"Trata y tr\\u00E1fico il\\u00EDcito\"}", 8 },
                    { "urbanisation", "{\"en\":\"Urbanisation\",\"fr\":\"Urbanisation\",\"es\":\"Urbanizaci\\u00F3n\"}", 12 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_LibraryDocuments_EventId",
                table: "LibraryDocuments",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_LibraryDocuments_Sequence",
                table: "LibraryDocuments",
                column: "Sequence");

            migrationBuilder.CreateIndex(
                name: "IX_LibraryDocuments_Slug",
                table: "LibraryDocuments",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LibraryDocuments_UpdatedAt_ItemId",
                table: "LibraryDocuments",
                columns: new[] { "UpdatedAt", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_LibraryFiles_ItemId",
                table: "LibraryFiles",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_LibraryItems_Slug",
                table: "LibraryItems",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LibraryItems_UpdatedAt",
                table: "LibraryItems",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_LibraryVersions_ItemId_Number",
                table: "LibraryVersions",
                columns: new[] { "ItemId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Agencies");

            migrationBuilder.DropTable(
                name: "LibraryDocuments");

            migrationBuilder.DropTable(
                name: "LibraryFiles");

            migrationBuilder.DropTable(
                name: "LibraryState");

            migrationBuilder.DropTable(
                name: "LibraryThemes");

            migrationBuilder.DropTable(
                name: "LibraryVersions");

            migrationBuilder.DropTable(
                name: "LibraryItems");
        }
    }
}

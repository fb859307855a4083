using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nexus.Web.Features.Library;

/// <summary>Mapping of the library's tables, kept beside the feature rather than in the context.</summary>
public static class LibraryModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<LibraryItem>(e =>
        {
            e.Property(x => x.Slug).HasMaxLength(200);
            e.HasIndex(x => x.Slug).IsUnique();
            e.Property(x => x.Draft).AsJson();
            e.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Files).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.UpdatedAt);
        });
        b.Entity<LibraryItemVersion>(e =>
        {
            e.Property(x => x.Content).AsJson();
            e.Property(x => x.CreatedBy).HasMaxLength(300);
            e.Property(x => x.Note).HasMaxLength(500);
            e.HasIndex(x => new { x.ItemId, x.Number }).IsUnique();
        });
        b.Entity<LibraryFile>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.ContentType).HasMaxLength(120);
            e.Property(x => x.Format).HasMaxLength(10);
            e.Property(x => x.Language).HasMaxLength(10);
            e.Property(x => x.StorageKey).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.TextError).HasMaxLength(500);
            e.Property(x => x.UploadedBy).HasMaxLength(300);
        });
        b.Entity<LibraryTheme>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(60);
            e.Property(x => x.Names).AsJson();
            e.HasData(LibraryThemes.Initial);
        });
        b.Entity<LibraryDocument>(e =>
        {
            e.HasKey(x => x.ItemId);
            e.Property(x => x.ItemId).ValueGeneratedNever();
            e.Property(x => x.Slug).HasMaxLength(200);
            e.Property(x => x.Texts).AsJson();
            e.Property(x => x.Licence).HasMaxLength(100);
            e.HasIndex(x => x.Sequence);
            e.HasIndex(x => x.Slug).IsUnique();
            // Harvesting (OAI-PMH) pages through every document, deleted ones included, by this key.
            e.HasIndex(x => new { x.UpdatedAt, x.ItemId });
            e.HasIndex(x => x.EventId);
            e.HasOne<LibraryItem>().WithOne().HasForeignKey<LibraryDocument>(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<LibraryState>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasData(new LibraryState { Id = 1, Sequence = 0 });
        });
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stores a value as JSON text. Used for the versioned content: it is read and written whole, never queried
    /// inside, and the same text works on SQLite and PostgreSQL.
    /// </summary>
    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property) where T : class
    {
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            s => JsonSerializer.Deserialize<T>(s, Json)!,
            new ValueComparer<T>(
                (a, c) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(c, Json),
                v => JsonSerializer.Serialize(v, Json).GetHashCode(),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Json), Json)!));
        return property;
    }
}

/// <summary>The starting vocabulary, taken from the topics of the programme's seminars and reports.</summary>
public static class LibraryThemes
{
    public static LibraryTheme[] Initial =>
    [
        T(1, "labour-migration", "Labour migration", "Migration de travail", "Migración laboral"),
        T(2, "remittances", "Remittances", "Envois de fonds", "Remesas"),
        T(3, "brain-drain-health-workers", "Brain drain and health workers", "Fuite des cerveaux et personnels de santé", "Fuga de cerebros y personal sanitario"),
        T(4, "diaspora", "Diaspora and transnational communities", "Diaspora et communautés transnationales", "Diáspora y comunidades transnacionales"),
        T(5, "peacebuilding", "Peacebuilding", "Consolidation de la paix", "Consolidación de la paz"),
        T(6, "economic-crisis", "Economic crisis", "Crise économique", "Crisis económica"),
        T(7, "migrants-rights", "Migrants' rights", "Droits des migrants", "Derechos de los migrantes"),
        T(8, "trafficking-smuggling", "Trafficking and smuggling", "Traite et trafic illicite", "Trata y tráfico ilícito"),
        T(9, "integration", "Integration", "Intégration", "Integración"),
        T(10, "ageing", "Ageing", "Vieillissement", "Envejecimiento"),
        T(11, "climate-change", "Climate change", "Changement climatique", "Cambio climático"),
        T(12, "urbanisation", "Urbanisation", "Urbanisation", "Urbanización"),
        T(13, "policy-coherence", "Policy coherence", "Cohérence des politiques", "Coherencia de las políticas"),
        T(14, "development-goals", "Development goals", "Objectifs de développement", "Objetivos de desarrollo"),
        T(15, "human-development", "Human development", "Développement humain", "Desarrollo humano"),
        T(16, "data-evidence", "Data and evidence", "Données et éléments probants", "Datos y evidencia"),
    ];

    private static LibraryTheme T(int order, string code, string en, string fr, string es) =>
        new() { Code = code, Order = order, Names = new() { ["en"] = en, ["fr"] = fr, ["es"] = es } };
}

using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Infrastructure.Cli;

namespace Nexus.Web.Features.Accounts;

public static class AccountCommands
{
    public static Command Users(IServiceProvider services)
    {
        var email = new Option<string>("--email") { Description = "The person's email address.", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", Roles.All)}.", Required = true };
        var name = new Option<string?>("--name") { Description = "Full name." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input instead of generating one." };
        var add = new Command("add", "Create a user with a role. Without --password-stdin a password is generated and printed once.")
        {
            email, role, name, passwordStdin,
        };
        add.SetAction(async (parse, ct) =>
        {
            var roleName = Roles.All.FirstOrDefault(r => string.Equals(r, parse.GetValue(role), StringComparison.OrdinalIgnoreCase))
                           ?? throw new CommandException($"--role must be one of: {string.Join(", ", Roles.All)}.");
            var address = parse.GetValue(email)!.Trim();
            if (!Infrastructure.FieldErrors.IsEmail(address)) throw new CommandException($"--email '{address}' is not a valid email address.");
            string password;
            var generated = !parse.GetValue(passwordStdin);
            if (generated) password = GeneratePassword();
            else
            {
                password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "";
                if (password.Length == 0) throw new CommandException("--password-stdin: no password was given on standard input.");
            }

            await using var scope = services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (await users.FindByEmailAsync(address) is not null) throw new CommandException($"A user with email {address} already exists.");
            if (!await roles.RoleExistsAsync(roleName)) Check(await roles.CreateAsync(new IdentityRole(roleName)));
            var user = new AppUser
            {
                UserName = address, Email = address, EmailConfirmed = true,
                FullName = parse.GetValue(name) ?? "", CreatedAt = DateTime.UtcNow,
            };
            Check(await users.CreateAsync(user, password));
            Check(await users.AddToRoleAsync(user, roleName));
            Console.WriteLine($"Created {address} with role {roleName}.");
            if (generated) Console.WriteLine($"Password (shown once): {password}");
            return 0;
        });
        var users = new Command("users", "User accounts.");
        users.Subcommands.Add(add);
        return users;
    }

    public static Command Tokens(IServiceProvider services)
    {
        var email = new Option<string>("--email") { Description = "Owner of the token.", Required = true };
        var name = new Option<string>("--name") { Description = "What the token is for.", Required = true };
        var scopes = new Option<string>("--scopes") { Description = $"Space-separated scopes: {string.Join(" ", Scopes.All)}.", Required = true };
        var expires = new Option<int?>("--expires") { Description = "Days until the token expires (default: never)." };
        var create = new Command("create", "Create a personal access token; it is printed once, as the last line.")
        {
            email, name, scopes, expires,
        };
        create.SetAction(async (parse, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var owner = await users.FindByEmailAsync(parse.GetValue(email)!.Trim())
                        ?? throw new CommandException($"No user with email {parse.GetValue(email)}.");
            var tokens = scope.ServiceProvider.GetRequiredService<TokenService>();
            var (created, error) = await tokens.CreateAsync(owner, parse.GetValue(name)!,
                parse.GetValue(scopes)!.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                parse.GetValue(expires));
            if (created is null) throw new CommandException(error!);
            Console.WriteLine($"Token '{created.Token.Name}' for {owner.Email}, scopes: {created.Token.Scopes}" +
                              (created.Token.ExpiresAt is { } x ? $", expires {x:yyyy-MM-dd}." : ", no expiry."));
            Console.WriteLine(created.Secret);
            return 0;
        });
        var tokensCommand = new Command("tokens", "Personal access tokens for the JSON API.");
        tokensCommand.Subcommands.Add(create);
        return tokensCommand;
    }

    /// <summary>20 characters from a 31-letter alphabet without look-alikes: about 99 bits.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 20);
        return string.Join('-', new string(chars).Chunk(5).Select(c => new string(c)));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new CommandException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}

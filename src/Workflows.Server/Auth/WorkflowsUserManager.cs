// Every change Identity makes to an account row (a new security stamp after a lock, unlock or password reset included)
// goes through UpdateUserAsync, so that is where this node's cached stamp is dropped: no caller has to remember it.
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Workflows.Data.Entities;

namespace Workflows.Server.Auth;

/// <summary>Identity's user manager, telling <see cref="SecurityStamps"/> whenever an account row was updated.</summary>
public sealed class WorkflowsUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    SecurityStamps stamps
)
    : UserManager<AppUser>(
        store,
        optionsAccessor,
        passwordHasher,
        userValidators,
        passwordValidators,
        keyNormalizer,
        errors,
        services,
        logger
    )
{
    /// <inheritdoc />
    protected override async Task<IdentityResult> UpdateUserAsync(AppUser user)
    {
        var result = await base.UpdateUserAsync(user);
        if (result.Succeeded)
            stamps.Forget(user.Id);
        return result;
    }
}

// Extra columns of the Identity users table.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(x => x.DisplayName).HasMaxLength(ColumnLengths.Name);
        e.Property(x => x.BureauCode).HasMaxLength(ColumnLengths.Kind);
    }
}

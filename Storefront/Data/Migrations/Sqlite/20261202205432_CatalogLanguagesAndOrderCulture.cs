using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CatalogLanguagesAndOrderCulture : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The English texts the catalog had become its English columns, which may now be empty when the Korean is
            // written (a text needs one language at least); the Korean columns start empty.
            migrationBuilder.RenameColumn(
                name: "Name",
                table: "Products",
                newName: "NameEn");

            migrationBuilder.AlterColumn<string>(
                name: "NameEn",
                table: "Products",
                type: "TEXT",
                maxLength: 120,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 120,
                oldNullable: false);

            migrationBuilder.RenameColumn(
                name: "Description",
                table: "Products",
                newName: "DescriptionEn");

            migrationBuilder.AlterColumn<string>(
                name: "DescriptionEn",
                table: "Products",
                type: "TEXT",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 2000,
                oldNullable: false);

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "Categories",
                newName: "NameEn");

            migrationBuilder.AlterColumn<string>(
                name: "NameEn",
                table: "Categories",
                type: "TEXT",
                maxLength: 80,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 80,
                oldNullable: false);

            migrationBuilder.AddColumn<string>(
                name: "NameKo",
                table: "Products",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DescriptionKo",
                table: "Products",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameKo",
                table: "Categories",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            // Orders placed before this have no language: their e-mails speak their market's (Order.Language).
            migrationBuilder.AddColumn<string>(
                name: "Culture",
                table: "Orders",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // A text written only in Korean keeps it in the one column the old schema has.
            migrationBuilder.Sql("UPDATE Products SET NameEn = NameKo WHERE NameEn IS NULL");
            migrationBuilder.Sql("UPDATE Products SET DescriptionEn = DescriptionKo WHERE DescriptionEn IS NULL");
            migrationBuilder.Sql("UPDATE Categories SET NameEn = NameKo WHERE NameEn IS NULL");

            migrationBuilder.DropColumn(
                name: "Culture",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "NameKo",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "DescriptionKo",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "NameKo",
                table: "Categories");

            migrationBuilder.AlterColumn<string>(
                name: "NameEn",
                table: "Products",
                type: "TEXT",
                maxLength: 120,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 120,
                oldNullable: true);

            migrationBuilder.RenameColumn(
                name: "NameEn",
                table: "Products",
                newName: "Name");

            migrationBuilder.AlterColumn<string>(
                name: "DescriptionEn",
                table: "Products",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 2000,
                oldNullable: true);

            migrationBuilder.RenameColumn(
                name: "DescriptionEn",
                table: "Products",
                newName: "Description");

            migrationBuilder.AlterColumn<string>(
                name: "NameEn",
                table: "Categories",
                type: "TEXT",
                maxLength: 80,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 80,
                oldNullable: true);

            migrationBuilder.RenameColumn(
                name: "NameEn",
                table: "Categories",
                newName: "Name");
        }
    }
}
